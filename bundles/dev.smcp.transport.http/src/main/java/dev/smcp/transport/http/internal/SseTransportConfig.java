package dev.smcp.transport.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the legacy HTTP+SSE transport ({@code GET /sse}, {@code POST /messages/}).
 */
@ObjectClassDefinition(id = SseTransportConfig.PID, name = "SMCP HTTP+SSE transport",
        description = "The legacy MCP HTTP+SSE transport: GET /sse opens an MCP session and streams its messages, "
                + "POST /messages/?session_id=... delivers client messages to that session.")
public @interface SseTransportConfig {

    /** The configuration PID. */
    String PID = "dev.smcp.transport.http";

    /** Default keep-alive interval: 15 s, as upstream (sse-starlette's default). */
    int DEFAULT_KEEP_ALIVE_SECONDS = 15;
    /** Default cap on a POST body: 4 MiB. */
    int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
    /** Default cap on the bytes waiting to be written to one SSE stream: 64 MiB. */
    int DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;
    /** Default cap on open SSE sessions. */
    int DEFAULT_MAX_SESSIONS = 1000;
    /** Default time a request body may take to arrive. */
    int DEFAULT_BODY_TIMEOUT_SECONDS = 30;

    @AttributeDefinition(name = "Keep-alive interval (seconds)", min = "1",
            description = "Every this many seconds each SSE stream gets a comment line ': ping - <UTC time>', so "
                    + "that proxies keep the connection open and a vanished client is noticed.")
    int keepAliveSeconds() default DEFAULT_KEEP_ALIVE_SECONDS;

    @AttributeDefinition(name = "Maximum request body (bytes)", min = "1",
            description = "A POST body larger than this is refused with 413 'Request body too large'. The body is "
                    + "counted while it is read; a Content-Length header is not trusted alone.")
    int maxBodyBytes() default DEFAULT_MAX_BODY_BYTES;

    @AttributeDefinition(name = "Maximum queued bytes per stream", min = "1",
            description = "How many bytes of messages may wait to be written to one SSE stream. A client that stops "
                    + "reading fills its queue; a message that would take the queue over this limit drops the "
                    + "stream and closes its session. One message alone is always accepted, however large.")
    int maxQueuedBytes() default DEFAULT_MAX_QUEUED_BYTES;

    @AttributeDefinition(name = "Maximum sessions", min = "1",
            description = "How many SSE sessions may be open at once. GET /sse beyond this is answered with 503 "
                    + "'Too many sessions'.")
    int maxSessions() default DEFAULT_MAX_SESSIONS;

    @AttributeDefinition(name = "Request body timeout (seconds)", min = "0",
            description = "How long a POST body may take to arrive. A client sending it slower (slowloris) gets 408 "
                    + "'Request body too slow'. 0: no limit (each read is still bounded by the HTTP server's idle "
                    + "timeout).")
    int bodyTimeoutSeconds() default DEFAULT_BODY_TIMEOUT_SECONDS;
}
