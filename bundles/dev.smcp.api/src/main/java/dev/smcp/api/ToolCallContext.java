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

    /**
     * Reports how far the call has got. It reaches the client as {@code notifications/progress} only if the client
     * asked for progress (a {@code _meta.progressToken} in its request); otherwise it is ignored. A report whose
     * {@code progress} is not greater than the previous one is dropped, and so is any report after the call ended.
     *
     * @param progress how much is done; must increase from one report to the next
     * @param total the total, when known, else {@code null}
     * @param message a short human-readable status, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /**
     * Sends a log message to the client that made the call ({@code notifications/message}, logger = the tool name),
     * if the client asked for messages of this level or above with {@code logging/setLevel}; ignored otherwise.
     * Log messages must not contain secrets.
     *
     * @param level the severity
     * @param data the message: a {@code String}, or decoded JSON ({@code Map}, {@code List}, ...)
     */
    void log(LogLevel level, Object data);
}
