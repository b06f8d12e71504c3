package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** An open MCP session. */
public class SessionDTO extends DTO {
    /** The session id. */
    public String id;
    /** The transport, e.g. {@code "sse"}. */
    public String transport;
    /** The negotiated protocol version, or {@code null} before {@code initialize}. */
    public String protocolVersion;
    /** The client's {@code clientInfo.name}, or {@code null}. */
    public String clientName;
    /** The client's {@code clientInfo.version}, or {@code null}. */
    public String clientVersion;
    /** When the session was opened, in milliseconds since the epoch. */
    public long openedAt;
    /** How many requests are being handled now. */
    public int inFlight;
}
