package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.io.InputStream;
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
 * The legacy MCP HTTP+SSE transport, with upstream SMCP's wire behaviour:
 * <ul>
 * <li>{@code GET /sse} opens an MCP session and streams its messages as server-sent events;</li>
 * <li>{@code POST /messages/?session_id=...} hands one client message to that session (202, the reply comes on
 * the stream);</li>
 * <li>{@code POST /sse} explains where messages go (400); {@code /messages} redirects to {@code /messages/}.</li>
 * </ul>
 * One servlet serves all three paths, so the streams (session id to stream) live in this component, shared by
 * the paths and independent of how often the whiteboard calls {@code init}/{@code destroy}.
 */
@Component(service = Servlet.class, configurationPid = SseTransportConfig.PID)
@Designate(ocd = SseTransportConfig.class)
@HttpWhiteboardServletName("smcp-sse")
@HttpWhiteboardServletPattern({ "/sse", "/messages", "/messages/*" })
@HttpWhiteboardServletAsyncSupported
public class SseTransportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SseTransportServlet.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The transport name sessions are opened with. */
    static final String TRANSPORT = "sse";

    private static final String SSE_PATH = "/sse";
    private static final String MESSAGES_PATH = "/messages";
    private static final String SHIM_MESSAGE = "POST requests to /sse should be sent to /messages/ instead. "
            + "Use GET /sse to establish SSE connection, then POST to /messages/ to send messages.";

    private final transient McpSessionManager sessionManager;
    private final transient RequestGuard guard;
    private final int maxBodyBytes;
    private final int bodyTimeoutSeconds;
    private final int maxQueuedBytes;
    private final long keepAliveNanos;
    private final transient SseConnections<SseConnection> connections;
    private final transient ScheduledExecutorService ticker;

    /**
     * @param sessionManager opens MCP sessions
     * @param guard admits requests
     * @param config the configuration
     */
    @Activate
    public SseTransportServlet(@Reference(name = "sessionManager") McpSessionManager sessionManager,
            @Reference(name = "guard") RequestGuard guard, SseTransportConfig config) {
        this.sessionManager = sessionManager;
        this.guard = guard;
        this.maxBodyBytes = Math.max(1, config.maxBodyBytes());
        this.bodyTimeoutSeconds = Math.max(0, config.bodyTimeoutSeconds());
        this.maxQueuedBytes = Math.max(1, config.maxQueuedBytes());
        int keepAliveSeconds = Math.max(1, config.keepAliveSeconds());
        this.keepAliveNanos = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        this.connections = new SseConnections<>(Math.max(1, config.maxSessions()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smcp-sse-keepalive-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
        LOG.info("HTTP+SSE transport started (keepAliveSeconds={}, maxBodyBytes={}, maxQueuedBytes={}, "
                + "maxSessions={}, bodyTimeoutSeconds={})", keepAliveSeconds, maxBodyBytes, maxQueuedBytes,
                config.maxSessions(), bodyTimeoutSeconds);
    }

    /** Ends every stream and closes its session, and stops the keep-alive thread. */
    @Deactivate
    public void deactivate() {
        ticker.shutdownNow();
        var open = connections.closeAll();
        for (SseConnection connection : open) {
            connection.terminate("the transport is stopping", null);
        }
        LOG.info("HTTP+SSE transport stopped ({} sessions closed)", open.size());
    }

    /** @return how many SSE streams are open or being opened */
    int openStreams() {
        return connections.size();
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String caller = guard.admit(req, resp);
        if (caller == null) {
            return;
        }
        String servletPath = req.getServletPath();
        String pathInfo = req.getPathInfo();
        if (SSE_PATH.equals(servletPath) && pathInfo == null) {
            switch (req.getMethod()) {
                case "GET" -> openStream(req, resp, caller);
                case "POST" -> postToSse(req, resp);
                default -> {
                    resp.setHeader("Allow", "GET, POST");
                    PlainText.send(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
                }
            }
        } else if (MESSAGES_PATH.equals(servletPath) && pathInfo == null) {
            redirectToMessages(req, resp);
        } else if (MESSAGES_PATH.equals(servletPath)) {
            postMessage(req, resp, caller);
        } else {
            PlainText.send(resp, HttpServletResponse.SC_NOT_FOUND, "Not Found");
        }
    }

    private void openStream(HttpServletRequest req, HttpServletResponse resp, String caller) throws IOException {
        if (!connections.tryReserve()) {
            // upstream's answers: no server bound, or (ours) the cap is reached
            resp.setHeader("Retry-After", PlainText.RETRY_AFTER_SECONDS);
            PlainText.send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    connections.isClosed() ? "MCP server not initialized" : "Too many sessions");
            return;
        }
        SseConnection connection = new SseConnection(connections, maxQueuedBytes, caller);
        McpSession session;
        try {
            session = sessionManager.open(TRANSPORT, connection);
        } catch (RuntimeException e) {
            connection.terminate("opening the session failed", e);
            LOG.warn("Could not open an MCP session", e);
            PlainText.send(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            return;
        }
        AsyncContext async;
        try {
            resp.setStatus(HttpServletResponse.SC_OK);
            resp.setContentType("text/event-stream; charset=utf-8");
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("X-Accel-Buffering", "no");
            async = req.startAsync();
            async.setTimeout(0);
        } catch (RuntimeException e) {
            session.close();
            connection.terminate("starting the stream failed", e);
            throw e;
        }
        String endpoint = req.getContextPath() + "/messages/?session_id=" + session.id();
        try {
            connection.start(session, async, SseFrames.endpoint(endpoint));
        } catch (IOException | RuntimeException e) {
            session.close();
            connection.terminate("starting the stream failed", e);
            throw e;
        }
    }

    /** Upstream's "Letta compat shim": a POST to /sse is a client mistake worth explaining. */
    private static void postToSse(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean empty;
        try (InputStream in = req.getInputStream()) {
            empty = in.read() < 0;
        }
        PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, empty ? "Empty POST request" : SHIM_MESSAGE);
    }

    /** As Starlette's slash redirect does for the {@code /messages/} mount. */
    private static void redirectToMessages(HttpServletRequest req, HttpServletResponse resp) {
        String query = req.getQueryString();
        resp.setStatus(307);
        resp.setHeader("Location", req.getContextPath() + MESSAGES_PATH + "/" + (query == null ? "" : "?" + query));
        resp.setContentLength(0);
    }

    /** The checks run in the order of the MCP Python SDK 1.29 that upstream runs on. */
    private void postMessage(HttpServletRequest req, HttpServletResponse resp, String caller) throws IOException {
        String contentType = req.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            PlainText.reject(req, resp, HttpServletResponse.SC_BAD_REQUEST, "Invalid Content-Type header");
            return;
        }
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            PlainText.reject(req, resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
            return;
        }
        String rawId = req.getParameter("session_id");
        if (rawId == null) {
            PlainText.reject(req, resp, HttpServletResponse.SC_BAD_REQUEST, "session_id is required");
            return;
        }
        String sessionId = SessionIds.normalize(rawId);
        if (sessionId == null) {
            PlainText.reject(req, resp, HttpServletResponse.SC_BAD_REQUEST, "Invalid session ID");
            return;
        }
        SseConnection connection = connections.find(sessionId);
        // a session is bound to whoever opened it: to anyone else it does not exist
        if (connection == null || !connection.isOpen() || !connection.owner().equals(caller)) {
            PlainText.reject(req, resp, HttpServletResponse.SC_NOT_FOUND, "Could not find session");
            return;
        }
        String text;
        try {
            text = BoundedBody.utf8(BoundedBody.read(req.getInputStream(), req.getContentLengthLong(), maxBodyBytes,
                    bodyTimeoutSeconds));
        } catch (BoundedBody.TooLargeException e) {
            PlainText.reject(req, resp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Request body too large");
            return;
        } catch (BoundedBody.TooSlowException e) {
            PlainText.reject(req, resp, HttpServletResponse.SC_REQUEST_TIMEOUT, "Request body too slow");
            return;
        } catch (CharacterCodingException e) {
            PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "Could not parse message");
            return;
        }
        McpSession.Receipt receipt;
        try {
            receipt = connection.receive(text);
        } catch (RuntimeException e) {
            LOG.warn("Session {} failed on a message", sessionId, e);
            PlainText.send(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Internal Server Error");
            return;
        }
        switch (receipt) {
            case ACCEPTED -> PlainText.send(resp, HttpServletResponse.SC_ACCEPTED, "Accepted");
            case MALFORMED -> PlainText.send(resp, HttpServletResponse.SC_BAD_REQUEST, "Could not parse message");
            case CLOSED -> PlainText.send(resp, HttpServletResponse.SC_NOT_FOUND, "Could not find session");
        }
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (SseConnection connection : connections.all()) {
                connection.tick(now, keepAliveNanos);
            }
        } catch (RuntimeException e) {
            LOG.warn("SSE keep-alive failed", e);
        }
    }
}
