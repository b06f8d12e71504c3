package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** A tool offered to clients. */
public class ToolDTO extends DTO {
    /** The tool name. */
    public String name;
    /** The description, or {@code null}. */
    public String description;
    /** The plugin contributing the tool, or {@code null}. */
    public String plugin;
    /** The {@code service.id} of the tool service. */
    public long serviceId;
    /** The id of the bundle that registered the tool service. */
    public long bundleId;
}
