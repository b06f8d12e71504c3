package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP Streamable HTTP transport (protocol versions 2025-03-26 to 2025-11-25) on one endpoint, {@code /mcp}:
 * <ul>
 * <li>{@code POST} carries client messages. An {@code initialize} without {@code Mcp-Session-Id} opens a session,
 * whose id comes back in that header; every other request needs the header (400 without it, 404 for an unknown or
 * ended session) and, after {@code initialize}, a matching {@code MCP-Protocol-Version}. Requests are answered with
 * {@code application/json}, or with a {@code text/event-stream} when something else comes before the response (see
 * {@link PostExchange}); notifications and responses get 202.</li>
 * <li>{@code GET} opens the session's server-to-client stream (see {@link StreamableSession}).</li>
 * <li>{@code DELETE} ends the session (204).</li>
 * </ul>
 * The limits (keep-alive, request body, queue per stream, sessions) are those of the legacy SSE transport, with the
 * same names and defaults, in this transport's own PID.
 */
@Component(service = Servlet.class, configurationPid = StreamableHttpConfig.PID)
@Designate(ocd = StreamableHttpConfig.class)
@HttpWhiteboardServletName("smcp-streamable-http")
@HttpWhiteboardServletPattern("/mcp")
@HttpWhiteboardServletAsyncSupported
public class StreamableHttpServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StreamableHttpServlet.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The transport name sessions are opened with. */
    static final String TRANSPORT = "streamable-http";

    private final transient McpSessionManager sessionManager;
    private final transient RequestGuard guard;
    private final int maxBodyBytes;
    private final int bodyTimeoutSeconds;
    private final long idleNanos;
    private final int maxQueuedBytes;
    private final int maxReplayBytes;
    private final long keepAliveNanos;
    private final transient SseConnections<StreamableSession> sessions;
    private final transient ScheduledExecutorService ticker;

    /**
     * @param sessionManager opens MCP sessions
     * @param guard admits requests
     * @param config the configuration
     */
    @Activate
    public StreamableHttpServlet(@Reference(name = "sessionManager") McpSessionManager sessionManager,
            @Reference(name = "guard") RequestGuard guard, StreamableHttpConfig config) {
        this.sessionManager = sessionManager;
        this.guard = guard;
        this.maxBodyBytes = Math.max(1, config.maxBodyBytes());
        this.bodyTimeoutSeconds = Math.max(0, config.bodyTimeoutSeconds());
        this.idleNanos = TimeUnit.SECONDS.toNanos(Math.max(1, config.sessionIdleSeconds()));
        this.maxQueuedBytes = Math.max(1, config.maxQueuedBytes());
        this.maxReplayBytes = Math.max(1, config.maxReplayBytes());
        int keepAliveSeconds = Math.max(1, config.keepAliveSeconds());
        this.keepAliveNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        this.sessions = new SseConnections<>(Math.max(1, config.maxSessions()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smcp-mcp-keepalive-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info("Streamable HTTP transport started on {} (keepAliveSeconds={}, maxBodyBytes={}, maxQueuedBytes={}, "
                + "maxSessions={}, maxReplayBytes={}, bodyTimeoutSeconds={}, sessionIdleSeconds={})",
                config.osgi_http_whiteboard_servlet_pattern(), keepAliveSeconds, maxBodyBytes, maxQueuedBytes,
                config.maxSessions(), maxReplayBytes, bodyTimeoutSeconds, TimeUnit.NANOSECONDS.toSeconds(idleNanos));
    }

    /** Ends every session (cancelling its calls) and stops the keep-alive thread. */
    @Deactivate
    public void deactivate() {
        ticker.shutdownNow();
        var open = sessions.closeAll();
        for (StreamableSession session : open) {
            session.end("the transport is stopping");
        }
        LOG.info("Streamable HTTP transport stopped ({} sessions closed)", open.size());
    }

    /** @return how many sessions are open or being opened */
    int openSessions() {
        return sessions.size();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String caller = guard.admit(req, resp);
        if (caller == null) {
            return;
        }
        switch (req.getMethod()) {
            case "POST" -> post(req, resp, caller);
            case "GET" -> get(req, resp, caller);
            case "DELETE" -> delete(req, resp, caller);
            default -> {
                resp.setHeader("Allow", "GET, POST, DELETE");
                refuse(req, resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, JsonMessages.TRANSPORT_ERROR,
                        "Method Not Allowed");
            }
        }
    }

    private void post(HttpServletRequest req, HttpServletResponse resp, String caller) throws IOException {
        String accept = req.getHeader("Accept");
        if (!McpHeaders.accepts(accept, McpHeaders.JSON) || !McpHeaders.accepts(accept, McpHeaders.EVENT_STREAM)) {
            refuse(req, resp, HttpServletResponse.SC_NOT_ACCEPTABLE, JsonMessages.TRANSPORT_ERROR,
                    "Not Acceptable: the client must accept both application/json and text/event-stream");
            return;
        }
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(McpHeaders.JSON)) {
            refuse(req, resp, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, JsonMessages.TRANSPORT_ERROR,
                    "Unsupported Media Type: the body must be application/json");
            return;
        }
        String rawId = req.getHeader(McpHeaders.SESSION_ID);
        StreamableSession session = null;
        if (rawId != null) {
            session = find(rawId, caller);
            if (session == null) {
                refuse(req, resp, HttpServletResponse.SC_NOT_FOUND, JsonMessages.TRANSPORT_ERROR, "Session not found");
                return;
            }
            String versionProblem = McpHeaders.checkProtocolVersion(req.getHeader(McpHeaders.PROTOCOL_VERSION),
                    session.protocolVersion());
            if (versionProblem != null) {
                refuse(req, resp, HttpServletResponse.SC_BAD_REQUEST, JsonMessages.TRANSPORT_ERROR, versionProblem);
                return;
            }
        }
        String text;
        try {
            text = BoundedBody.utf8(BoundedBody.read(req.getInputStream(), req.getContentLengthLong(), maxBodyBytes,
                    bodyTimeoutSeconds));
        } catch (BoundedBody.TooLargeException e) {
            refuse(req, resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, JsonMessages.TRANSPORT_ERROR,
                    "Request body too large");
            return;
        } catch (BoundedBody.TooSlowException e) {
            refuse(req, resp, HttpServletResponse.SC_REQUEST_TIMEOUT, JsonMessages.TRANSPORT_ERROR,
                    "Request body too slow");
            return;
        } catch (CharacterCodingException e) {
            text = null; // answered as a parse error below
        }
        JsonMessages.PostBody body = text == null ? null : JsonMessages.parseBody(text);
        if (body == null) {
            PostExchange.send(resp, HttpServletResponse.SC_BAD_REQUEST,
                    JsonMessages.error(JsonMessages.PARSE_ERROR, "Parse error"));
            return;
        }
        if (session == null) {
            if (!body.isInitializeAlone()) {
                PostExchange.send(resp, HttpServletResponse.SC_BAD_REQUEST, JsonMessages.error(
                        JsonMessages.TRANSPORT_ERROR, "Bad Request: " + McpHeaders.SESSION_ID + " header is required"));
                return;
            }
            initialize(req, resp, text, body, caller);
            return;
        }
        if (body.batch()) {
            String problem = batchProblem(body, session.protocolVersion());
            if (problem != null) {
                PostExchange.send(resp, HttpServletResponse.SC_BAD_REQUEST,
                        JsonMessages.error(JsonMessages.INVALID_REQUEST, problem));
                return;
            }
        }
        PostExchange exchange = session.exchange(body);
        McpSession.Receipt receipt;
        try {
            receipt = session.session().receive(text, exchange);
        } catch (RuntimeException e) {
            exchange.abandon();
            LOG.warn("Session {} failed on a message", session.session().id(), e);
            PlainText.send(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            return;
        }
        if (receipt == McpSession.Receipt.CLOSED) {
            exchange.abandon();
            PostExchange.send(resp, HttpServletResponse.SC_NOT_FOUND,
                    JsonMessages.error(JsonMessages.TRANSPORT_ERROR, "Session not found"));
            return;
        }
        session.cancelled(body.cancelled());
        exchange.respond(req, resp, receipt == McpSession.Receipt.MALFORMED);
    }

    /** @return why a batch is refused, or {@code null} */
    static String batchProblem(JsonMessages.PostBody body, String negotiated) {
        if (!McpHeaders.BATCH_VERSION.equals(negotiated)) {
            return "Invalid Request: JSON-RPC batches are not supported in protocol version " + negotiated;
        }
        if (body.size() == 0) {
            return "Invalid Request: empty batch";
        }
        if (body.initialize()) {
            return "Invalid Request: initialize must not be part of a batch";
        }
        return null;
    }

    /** A POST of {@code initialize} alone, without a session id: opens a session. */
    private void initialize(HttpServletRequest req, HttpServletResponse resp, String text,
            JsonMessages.PostBody body, String caller) throws IOException {
        if (!sessions.tryReserve()) {
            resp.setHeader("Retry-After", PlainText.RETRY_AFTER_SECONDS);
            PostExchange.send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JsonMessages.error(
                    JsonMessages.TRANSPORT_ERROR, sessions.isClosed() ? "MCP server not initialized"
                            : "Too many sessions"));
            return;
        }
        StreamableSession session = new StreamableSession(sessions, maxQueuedBytes, maxReplayBytes, caller);
        McpSession opened;
        try {
            opened = sessionManager.open(TRANSPORT, session);
        } catch (RuntimeException e) {
            session.end("opening the session failed");
            LOG.warn("Could not open an MCP session", e);
            PlainText.send(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            return;
        }
        session.attach(opened);
        InitializeSink answer = new InitializeSink();
        McpSession.Receipt receipt;
        try {
            receipt = opened.receive(text, answer);
        } catch (RuntimeException e) {
            session.end("initialize failed");
            LOG.warn("Session {} failed on initialize", opened.id(), e);
            PlainText.send(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            return;
        }
        String response = answer.response;
        String negotiated = response == null ? null : JsonMessages.negotiatedVersion(response);
        if (receipt != McpSession.Receipt.ACCEPTED || negotiated == null) {
            session.end("initialize failed");
            PostExchange.send(resp, HttpServletResponse.SC_BAD_REQUEST, response != null ? response
                    : JsonMessages.error(JsonMessages.INVALID_REQUEST, "initialize failed"));
            return;
        }
        if (!session.initialized(negotiated)) {
            PostExchange.send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    JsonMessages.error(JsonMessages.TRANSPORT_ERROR, "MCP server not initialized"));
            return;
        }
        resp.setHeader(McpHeaders.SESSION_ID, opened.id());
        PostExchange.send(resp, HttpServletResponse.SC_OK, response);
    }

    /** The engine answers {@code initialize} before {@code receive} returns: this keeps that answer. */
    private static final class InitializeSink implements dev.smcp.api.session.McpMessageSink {
        volatile String response;

        @Override
        public void send(String json) {
            if (response == null) {
                response = json;
            }
        }

        @Override
        public void close() {
            // the session's own sink is told
        }
    }

    private void get(HttpServletRequest req, HttpServletResponse resp, String caller) throws IOException {
        if (!McpHeaders.accepts(req.getHeader("Accept"), McpHeaders.EVENT_STREAM)) {
            refuse(req, resp, HttpServletResponse.SC_NOT_ACCEPTABLE, JsonMessages.TRANSPORT_ERROR,
                    "Not Acceptable: the client must accept text/event-stream");
            return;
        }
        StreamableSession session = requireSession(req, resp, caller);
        if (session == null) {
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType(McpHeaders.EVENT_STREAM + "; charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        session.openGetStream(async, req.getHeader(McpHeaders.LAST_EVENT_ID));
    }

    private void delete(HttpServletRequest req, HttpServletResponse resp, String caller) throws IOException {
        StreamableSession session = requireSession(req, resp, caller);
        if (session != null) {
            session.end("deleted by the client");
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    /** @return the session of a GET or DELETE, or {@code null} when the request was refused */
    private StreamableSession requireSession(HttpServletRequest req, HttpServletResponse resp, String caller)
            throws IOException {
        String rawId = req.getHeader(McpHeaders.SESSION_ID);
        if (rawId == null) {
            refuse(req, resp, HttpServletResponse.SC_BAD_REQUEST, JsonMessages.TRANSPORT_ERROR,
                    "Bad Request: " + McpHeaders.SESSION_ID + " header is required");
            return null;
        }
        StreamableSession session = find(rawId, caller);
        if (session == null) {
            refuse(req, resp, HttpServletResponse.SC_NOT_FOUND, JsonMessages.TRANSPORT_ERROR, "Session not found");
            return null;
        }
        String versionProblem = McpHeaders.checkProtocolVersion(req.getHeader(McpHeaders.PROTOCOL_VERSION),
                session.protocolVersion());
        if (versionProblem != null) {
            refuse(req, resp, HttpServletResponse.SC_BAD_REQUEST, JsonMessages.TRANSPORT_ERROR, versionProblem);
            return null;
        }
        return session;
    }

    /**
     * @return the open session with this id opened by this caller, or {@code null} (also for an id that cannot be one
     *         of ours): a session is bound to whoever opened it, and to anyone else it does not exist
     */
    private StreamableSession find(String rawId, String caller) {
        String id = SessionIds.normalize(rawId.strip());
        StreamableSession session = id == null ? null : sessions.find(id);
        return session != null && session.isOpen() && session.owner().equals(caller) ? session : null;
    }

    /** Answers with a JSON-RPC error without id, leaving the body unread. */
    private static void refuse(HttpServletRequest req, HttpServletResponse resp, int status, int code,
            String message) throws IOException {
        PlainText.closeAfterAnswer(req, resp);
        PostExchange.send(resp, status, JsonMessages.error(code, message));
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (StreamableSession session : sessions.all()) {
                session.tick(now, keepAliveNanos, idleNanos);
            }
        } catch (RuntimeException e) {
            LOG.warn("Streamable HTTP keep-alive failed", e);
        }
    }
}
