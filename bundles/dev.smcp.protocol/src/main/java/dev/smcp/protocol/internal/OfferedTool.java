package dev.smcp.protocol.internal;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.McpTool;

/**
 * A tool offered to clients: the winning service for its name.
 *
 * @param name the tool name
 * @param description the description, or {@code null}
 * @param plugin the contributing plugin, or {@code null}
 * @param inputSchema the input schema; shared and never modified
 * @param json the tool as listed in {@code tools/list} for the newest protocol version; shared, never modified
 * @param serviceId the {@code service.id}
 * @param bundleId the registering bundle's id
 * @param bundle the registering bundle as {@code symbolicName:version}
 * @param service supplies the tool object
 */
record OfferedTool(String name, String description, String plugin, ObjectNode inputSchema, ObjectNode json,
        long serviceId,
        long bundleId, String bundle, Supplier<McpTool> service) {
}
