package dev.smcp.api.session;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One MCP session: the protocol state of one client connection. Thread-safe.
 */
@ProviderType
public interface McpSession {

    /** @return the session id: 32 lowercase hex digits, unpredictable */
    String id();

    /**
     * Hands the session one message as received: a JSON-RPC request, notification or response, or a batch of them.
     * The message is parsed before this method returns; requests are then handled, possibly on other threads,
     * and their responses (and notifications about them, such as progress) are sent to {@code replies}.
     *
     * @param message the JSON text
     * @param replies where responses to the requests in {@code message} go
     * @return whether the message was well-formed; for a malformed one the matching JSON-RPC error (-32700 or
     *         -32600) has already been sent to {@code replies}
     */
    Receipt receive(String message, McpMessageSink replies);

    /**
     * Closes the session: in-flight calls are cancelled and nothing more is sent. Idempotent.
     */
    void close();

    /** @return whether the session is still open */
    boolean isOpen();

    /**
     * @return how many requests the session has accepted and not answered yet (tool calls running or queued);
     *         transports use it to watch a connection more closely while its client awaits answers
     */
    int pendingRequests();

    /** What {@link McpSession#receive} made of a message. */
    enum Receipt {
        /** Well-formed; handled or being handled. */
        ACCEPTED,
        /** Not JSON, or not a JSON-RPC message. */
        MALFORMED,
        /** The session is closed; nothing was done. */
        CLOSED
    }
}
