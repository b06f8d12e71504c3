package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** The MCP server: identity, tools offered, tools rejected, open sessions. */
public class ServerDTO extends DTO {
    /** The name reported in {@code serverInfo}. */
    public String name;
    /** The version reported in {@code serverInfo}. */
    public String version;
    /** The protocol versions the server negotiates, newest first. */
    public String[] protocolVersions;
    /** The tools offered to clients, sorted by name. */
    public ToolDTO[] tools;
    /** The tool services that are not offered, with the reason. */
    public FailedToolDTO[] failedTools;
    /** The open sessions. */
    public SessionDTO[] sessions;
}
