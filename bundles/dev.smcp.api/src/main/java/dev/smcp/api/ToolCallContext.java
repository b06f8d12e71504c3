package dev.smcp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a tool knows about the call it is serving. Provided by the server; valid only during the call.
 */
@ProviderType
public interface ToolCallContext {

    /** @return the name the client called the tool by */
    String toolName();

    /** @return the id of the MCP session the call came from */
    String sessionId();

    /**
     * @return the call's cancellation signal: cancelled when the client sends {@code notifications/cancelled},
     *         disconnects, or the server shuts down
     */
    Cancellation cancellation();
}
