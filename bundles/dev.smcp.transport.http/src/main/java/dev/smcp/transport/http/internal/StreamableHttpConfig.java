package dev.smcp.transport.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Streamable HTTP endpoint ({@code /mcp}). The limits have the names and defaults of the
 * legacy transport's ({@link SseTransportConfig}); each transport has its own PID, so its own values.
 */
@ObjectClassDefinition(id = StreamableHttpConfig.PID, name = "SMCP Streamable HTTP transport",
        description = "The MCP Streamable HTTP transport: POST, GET and DELETE on one endpoint (/mcp), sessions "
                + "named by the Mcp-Session-Id header.")
public @interface StreamableHttpConfig {

    /** The configuration PID. */
    String PID = "dev.smcp.transport.http.streamable";

    /** Default cap on the replay buffer of one session: 1 MiB. */
    int DEFAULT_MAX_REPLAY_BYTES = 1024 * 1024;
    /** Default idle time after which a session without stream, request or call ends: 30 minutes. */
    int DEFAULT_SESSION_IDLE_SECONDS = 30 * 60;

    @AttributeDefinition(name = "Path",
            description = "The endpoint path on the default Servlet Whiteboard context (the servlet pattern).")
    String osgi_http_whiteboard_servlet_pattern() default "/mcp";

    @AttributeDefinition(name = "Keep-alive interval (seconds)", min = "1",
            description = "Every this many seconds each SSE stream (GET streams and POST answers sent as SSE) gets a "
                    + "comment line ': ping - <UTC time>', so that proxies keep the connection open.")
    int keepAliveSeconds() default SseTransportConfig.DEFAULT_KEEP_ALIVE_SECONDS;

    @AttributeDefinition(name = "Maximum request body (bytes)", min = "1",
            description = "A POST body larger than this is refused with 413. The body is counted while it is read.")
    int maxBodyBytes() default SseTransportConfig.DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(name = "Maximum queued bytes per stream", min = "1",
            description = "How many bytes of messages may wait to be written to one SSE stream. A message that "
                    + "would take the queue over this limit ends that stream (not the session); one message alone "
                    + "is always accepted.")
    int maxQueuedBytes() default SseTransportConfig.DEFAULT_MAX_QUEUED_BYTES;

    @AttributeDefinition(name = "Maximum sessions", min = "1",
            description = "How many Streamable HTTP sessions may be open at once. An initialize beyond this is "
                    + "answered with 503.")
    int maxSessions() default SseTransportConfig.DEFAULT_MAX_SESSIONS;

    @AttributeDefinition(name = "Replay buffer per session (bytes)", min = "1",
            description = "How many bytes of the events sent on a session's GET stream are kept, so that a client "
                    + "reconnecting with Last-Event-ID gets what it missed. Older events are forgotten; the newest "
                    + "is always kept.")
    int maxReplayBytes() default DEFAULT_MAX_REPLAY_BYTES;

    @AttributeDefinition(name = "Request body timeout (seconds)", min = "0",
            description = "How long a POST body may take to arrive. A client sending it slower (slowloris) gets 408. "
                    + "0: no limit (each read is still bounded by the HTTP server's idle timeout).")
    int bodyTimeoutSeconds() default SseTransportConfig.DEFAULT_BODY_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Session idle expiry (seconds)", min = "1",
            description = "A session with no GET stream open, no POST being answered and no tool call in flight ends "
                    + "after this long without a request; its id then gets 404, and the client initializes again.")
    int sessionIdleSeconds() default DEFAULT_SESSION_IDLE_SECONDS;
}
