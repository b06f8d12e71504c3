package dev.smcp.protocol.internal;

import java.util.List;

/** The MCP protocol versions the server negotiates. */
final class ProtocolVersions {

    /** Supported versions, newest first. */
    static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    static final String LATEST = SUPPORTED.get(0);

    private ProtocolVersions() {
    }

    /** @return whether the version lets clients send JSON-RPC batches (only 2025-03-26 did) */
    static boolean allowsBatches(String version) {
        return "2025-03-26".equals(version);
    }

    /** @return whether progress notifications of that version carry a {@code message} (2025-03-26 and newer) */
    static boolean hasProgressMessages(String version) {
        return version.compareTo("2025-03-26") >= 0;
    }

    /**
     * @param requested the version the client asked for, or {@code null}
     * @return the requested version when supported, else the latest
     */
    static String negotiate(String requested) {
        return requested != null && SUPPORTED.contains(requested) ? requested : LATEST;
    }
}
