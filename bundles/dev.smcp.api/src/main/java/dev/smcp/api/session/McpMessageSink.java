package dev.smcp.api.session;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a session sends JSON-RPC messages: implemented by transports.
 * <p>
 * Implementations must be thread-safe and must not block for long: a slow or gone client must not hold up the
 * caller (queue, or drop the connection).
 */
@ConsumerType
public interface McpMessageSink {

    /**
     * Sends one message.
     *
     * @param json one compact JSON-RPC message, without line breaks
     */
    void send(String json);

    /**
     * Told that the session ended on the server side (for example the server is stopping): the transport should
     * end the connection. Called at most once.
     */
    void close();
}
