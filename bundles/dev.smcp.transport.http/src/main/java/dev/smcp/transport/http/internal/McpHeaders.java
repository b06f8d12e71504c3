package dev.smcp.transport.http.internal;

import java.util.List;
import java.util.Locale;

/**
 * The request headers of the Streamable HTTP transport: {@code Accept} and {@code MCP-Protocol-Version}.
 */
final class McpHeaders {

    static final String SESSION_ID = "Mcp-Session-Id";
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    static final String LAST_EVENT_ID = "Last-Event-ID";

    static final String JSON = "application/json";
    static final String EVENT_STREAM = "text/event-stream";

    /** The version to assume when a request has no {@code MCP-Protocol-Version} header. */
    static final String DEFAULT_VERSION = "2025-03-26";

    /** The only version that allows JSON-RPC batches. */
    static final String BATCH_VERSION = "2025-03-26";

    /**
     * The versions whose Streamable HTTP rules this transport follows, newest first. A later version may change
     * the transport itself (2026-07-28 does), so a version is added here only with its rules.
     */
    static final List<String> KNOWN_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    /** Versions that predate the header: their clients do not send it. */
    private static final List<String> VERSIONS_WITHOUT_HEADER = List.of("2025-03-26", "2024-11-05");

    private McpHeaders() {
    }

    /**
     * @param accept the {@code Accept} header (possibly several joined by commas), or {@code null}
     * @param mediaType a media type such as {@code application/json}
     * @return whether the header accepts it, directly or through {@code type/*} or {@code *}{@code /*} (a range
     *         with {@code q=0} does not count); no header accepts nothing, since MCP clients must send one
     */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        String type = mediaType.substring(0, mediaType.indexOf('/'));
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String candidate = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!(candidate.equals(mediaType) || candidate.equals(type + "/*") || candidate.equals("*/*"))) {
                continue;
            }
            if (!refused(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).strip()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Checks the {@code MCP-Protocol-Version} header of a request made after {@code initialize}.
     *
     * @param header the header, or {@code null} when absent
     * @param negotiated the version negotiated by {@code initialize}
     * @return why the request is refused (400), or {@code null} when the header is right
     */
    static String checkProtocolVersion(String header, String negotiated) {
        if (header == null) {
            // assumed 2025-03-26: right for sessions of the versions that have no header
            return VERSIONS_WITHOUT_HEADER.contains(negotiated) ? null
                    : "Bad Request: " + PROTOCOL_VERSION + " header is required for protocol version " + negotiated;
        }
        String version = header.strip();
        if (!KNOWN_VERSIONS.contains(version)) {
            return "Bad Request: Unsupported protocol version: " + version;
        }
        if (!version.equals(negotiated)) {
            return "Bad Request: " + PROTOCOL_VERSION + " " + version + " does not match the negotiated version "
                    + negotiated;
        }
        return null;
    }
}
