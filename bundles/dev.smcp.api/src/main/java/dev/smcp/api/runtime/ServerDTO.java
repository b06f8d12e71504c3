package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** The MCP server: identity, tools offered, tools rejected, open sessions, tool call counts. */
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
    /** When the protocol engine started, in milliseconds since the epoch. */
    public long startedAt;
    /** The tool calls running or queued now, across all sessions. */
    public int callsInFlight;
    /** The tool calls that ended with a result that is not an error, since {@link #startedAt}. */
    public long callsSucceeded;
    /**
     * The tool calls that ended with an error result, failed, were cancelled or were refused as busy, since
     * {@link #startedAt}.
     */
    public long callsFailed;
}
