package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** A tool service that is not offered to clients. */
public class FailedToolDTO extends DTO {
    /** Another service with the same name and a higher ranking is offered instead. */
    public static final int FAILURE_REASON_SHADOWED = 1;
    /** The {@code mcp.tool.name} property is missing or not a valid tool name. */
    public static final int FAILURE_REASON_INVALID_NAME = 2;
    /** The {@code mcp.tool.inputSchema} property is not a JSON Schema object. */
    public static final int FAILURE_REASON_INVALID_SCHEMA = 3;

    /** The name the service asked for, or {@code null} when missing. */
    public String name;
    /** The {@code service.id} of the tool service. */
    public long serviceId;
    /** The id of the bundle that registered the tool service. */
    public long bundleId;
    /** One of the {@code FAILURE_REASON_*} constants. */
    public int failureReason;
    /** A human-readable explanation. */
    public String message;
}
