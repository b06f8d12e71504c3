package dev.smcp.api.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens MCP sessions. Provided by the protocol bundle, used by transports. Thread-safe.
 */
@ProviderType
public interface McpSessionManager {

    /**
     * Opens a session.
     *
     * @param transport a short name of the transport, for diagnostics (e.g. {@code "sse"})
     * @param sink where the session sends messages not tied to a received message (notifications such as
     *            {@code notifications/tools/list_changed}); also told when the server closes the session
     * @return the new session
     */
    McpSession open(String transport, McpMessageSink sink);
}
