package dev.smcp.protocol.internal;

/**
 * A tool service that is not offered.
 *
 * @param name the name it asked for, or {@code null}
 * @param serviceId the {@code service.id}
 * @param bundleId the registering bundle's id
 * @param bundle the registering bundle as {@code symbolicName:version}
 * @param reason one of the {@code FailedToolDTO.FAILURE_REASON_*} constants
 * @param message why
 */
record FailedTool(String name, long serviceId, long bundleId, String bundle, int reason, String message) {
}
