package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.util.List;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;

import jakarta.servlet.AsyncContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE stream ({@code GET /sse}) and the MCP session behind it. It is the {@link McpMessageSink} of the session
 * and of every POST to it: everything the session sends ends up on this stream, written by an {@link SseStream}.
 * When the stream ends (the client went away or stopped reading, or the server ended it), the session is closed.
 * <p>
 * While the session has requests in flight (a tool call whose process should be killed when the client leaves), a
 * stream that wrote nothing for a second gets a bare comment {@code ":"}, so a vanished client is noticed within
 * about two seconds; otherwise the keep-alive pings find it. "In flight" is what the session says
 * ({@link McpSession#pendingRequests()}).
 */
final class SseConnection implements McpMessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

    private final SseConnections<SseConnection> registry;
    private final SseStream stream;
    private final String owner;

    private volatile McpSession session;

    /**
     * @param registry where the stream registers itself; the caller has reserved a slot there, which this stream
     *            gives back when it ends
     * @param maxQueuedBytes the most bytes of frames waiting to be written (one frame alone always fits)
     * @param owner who opened the stream ({@link RequestGuard#admit}); only they may post to its session
     */
    SseConnection(SseConnections<SseConnection> registry, long maxQueuedBytes, String owner) {
        this.registry = registry;
        this.owner = owner;
        this.stream = new SseStream(maxQueuedBytes, this::ended);
    }

    /**
     * Starts streaming: registers the stream under the session id and writes the endpoint event, then whatever the
     * session sent meanwhile. Call from the request's thread after {@code startAsync}.
     *
     * @param openedSession the session opened with this stream as its sink
     * @param asyncContext the request's async context
     * @param endpointFrame the {@code endpoint} event
     * @throws IOException if the response output cannot be obtained
     */
    /** @return who opened the stream */
    String owner() {
        return owner;
    }

    void start(McpSession openedSession, AsyncContext asyncContext, byte[] endpointFrame) throws IOException {
        session = openedSession;
        // registered before the endpoint event can leave: a client may POST the moment it reads it
        if (!registry.register(openedSession.id(), this)) {
            terminate("the transport is stopping", null);
            return;
        }
        if (!stream.start(asyncContext, List.of(endpointFrame))) {
            // the server closed the sink (or the queue overflowed) before the session was even returned
            registry.unregister(openedSession.id(), this);
            openedSession.close();
            return;
        }
        if (stream.isEnded()) {
            registry.unregister(openedSession.id(), this); // ended while starting
            return;
        }
        LOG.debug("SSE session {} opened", openedSession.id());
    }

    /** @return the session id, or {@code null} before {@link #start} */
    String sessionId() {
        McpSession s = session;
        return s == null ? null : s.id();
    }

    /** @return whether the stream is up and its session open */
    boolean isOpen() {
        McpSession s = session;
        return stream.isOpen() && s != null && s.isOpen();
    }

    /**
     * Hands the session a message posted by the client; replies come to this stream.
     *
     * @param message the JSON text
     * @return what the session made of it
     */
    McpSession.Receipt receive(String message) {
        McpSession s = session;
        if (s == null) {
            return McpSession.Receipt.CLOSED;
        }
        return s.receive(message, this);
    }

    @Override
    public void send(String json) {
        stream.send(SseFrames.message(json));
    }

    /** Ends the stream once what is queued has been written. */
    @Override
    public void close() {
        stream.close();
    }

    /**
     * Called every second or so: writes a keep-alive ping when one is due, or a probe when the stream has been quiet
     * for a second while responses are owed.
     *
     * @param now {@link System#nanoTime()}
     * @param keepAliveNanos the keep-alive interval
     */
    void tick(long now, long keepAliveNanos) {
        McpSession s = session;
        stream.tick(now, keepAliveNanos, s != null && s.pendingRequests() > 0);
    }

    /**
     * Ends the stream for good: closes the session (cancelling its in-flight calls), unregisters it, gives back its
     * slot and completes the response. Idempotent.
     *
     * @param reason why, for the log
     * @param cause the failure, or {@code null}
     */
    void terminate(String reason, Throwable cause) {
        stream.terminate(reason, cause);
    }

    /** Runs once, when the stream ends. */
    private void ended(String reason, Throwable cause) {
        McpSession s = session;
        if (s != null) {
            registry.unregister(s.id(), this);
        }
        registry.release();
        if ("its client stopped reading".equals(reason)) {
            LOG.warn("SSE client of session {} is not reading; dropping its stream", s == null ? "(not opened)" : s.id());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("SSE session {} ended: {}{}", s == null ? "(not opened)" : s.id(), reason,
                    cause == null ? "" : " (" + cause + ")");
        }
        // the session may call back into this sink: it sends nothing once closed
        if (s != null) {
            s.close();
        }
    }
}
