package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE stream ({@code GET /sse}) and the MCP session behind it. It is the {@link McpMessageSink} of the session
 * and of every POST to it: everything the session sends ends up on this stream.
 * <p>
 * <b>Writing.</b> The stream uses the servlet's non-blocking output ({@link WriteListener}). Frames wait in a
 * bounded queue and are written one at a time, each followed by a flush, by whichever thread finds the output
 * ready: a {@link #send}, the keep-alive {@link #tick}, or the container's {@code onWritePossible}. All writing
 * happens under one lock, so frames never interleave, and no thread ever blocks on the network: a slow client
 * just makes the queue grow, and when a frame would take it over {@code maxQueuedBytes} the stream is dropped and
 * the session closed.
 * <p>
 * <b>Noticing a vanished client.</b> Measured with Jetty 12.0.32 (the Jetty in Felix HTTP Jetty 12): when a
 * client closes its connection while the stream is idle, Jetty tells nobody: no {@link AsyncListener} call, no
 * {@code ReadListener} call (the GET has no body, so Jetty does not read the connection), and its idle timeout
 * does not fire while no I/O is pending. Only writing reveals it: the first write after the close still succeeds
 * (the kernel accepts it and the peer answers with a reset), a later one fails, reported through
 * {@link WriteListener#onError}; {@code AsyncListener.onError} is not called even then, so the stream completes
 * its async context itself. Hence: while the session has requests in flight (a tool call whose process should be
 * killed when the client leaves), a stream that wrote nothing for a second gets a bare comment {@code ":"}, so
 * a vanished client is noticed within about two seconds; otherwise the keep-alive pings find it. "In flight" is
 * what the session says ({@link McpSession#pendingRequests()}).
 */
final class SseConnection implements McpMessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

    /** A stream quiet for this long gets a probe while requests are in flight. */
    static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum State {
        /** Created; the session is being opened. */
        NEW,
        /** Streaming. */
        OPEN,
        /** The server ended the session: write what is queued, then end the stream. */
        CLOSING,
        /** Ended. */
        CLOSED
    }

    private final SseConnections registry;
    private final long maxQueuedBytes;
    private final Object lock = new Object();

    // guarded by lock
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private State state = State.NEW;
    private boolean writable;
    private boolean unflushed;
    private ServletOutputStream out;
    private AsyncContext async;

    private volatile McpSession session;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long lastPingNanos = lastWriteNanos;

    /**
     * @param registry where the stream registers itself; the caller has reserved a slot there, which this stream
     *            gives back when it ends
     * @param maxQueuedBytes the most bytes of frames waiting to be written (one frame alone always fits)
     */
    SseConnection(SseConnections registry, long maxQueuedBytes) {
        this.registry = registry;
        this.maxQueuedBytes = maxQueuedBytes;
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
    void start(McpSession openedSession, AsyncContext asyncContext, byte[] endpointFrame) throws IOException {
        ServletOutputStream output = asyncContext.getResponse().getOutputStream();
        asyncContext.addListener(new Listener());
        boolean closedMeanwhile;
        boolean registered = false;
        synchronized (lock) {
            closedMeanwhile = state == State.CLOSED;
            if (!closedMeanwhile) {
                session = openedSession;
                async = asyncContext;
                out = output;
                registered = registry.register(openedSession.id(), this);
                if (registered) {
                    state = State.OPEN;
                    queue.addFirst(endpointFrame);
                    queuedBytes += endpointFrame.length;
                    output.setWriteListener(new Writer());
                    writable = true;
                }
            }
        }
        if (closedMeanwhile) {
            // the server closed the sink (or the queue overflowed) before the session was even returned
            openedSession.close();
            complete(asyncContext);
        } else if (!registered) {
            terminate("the transport is stopping", null);
        } else {
            LOG.debug("SSE session {} opened", openedSession.id());
            pump();
        }
    }

    /** @return the session id, or {@code null} before {@link #start} */
    String sessionId() {
        McpSession s = session;
        return s == null ? null : s.id();
    }

    /** @return whether the stream is up and its session open */
    boolean isOpen() {
        McpSession s = session;
        synchronized (lock) {
            if (state != State.OPEN) {
                return false;
            }
        }
        return s != null && s.isOpen();
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
        byte[] frame = SseFrames.message(json);
        boolean overflow;
        long waiting;
        synchronized (lock) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            waiting = queuedBytes;
            overflow = !queue.isEmpty() && queuedBytes + frame.length > maxQueuedBytes;
            if (!overflow) {
                queue.addLast(frame);
                queuedBytes += frame.length;
            }
        }
        if (overflow) {
            LOG.warn("SSE client of session {} is not reading ({} bytes waiting); dropping its stream",
                    sessionId(), waiting);
            terminate("its client stopped reading", null);
            return;
        }
        pump();
    }

    /** Ends the stream once what is queued has been written. */
    @Override
    public void close() {
        boolean now;
        synchronized (lock) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            now = state == State.NEW;
            if (!now) {
                state = State.CLOSING;
            }
        }
        if (now) {
            terminate("closed by the server", null);
        } else {
            pump();
        }
    }

    /**
     * Called every second or so: writes a keep-alive ping when one is due, or a probe when the stream has been quiet
     * for a second while responses are owed.
     *
     * @param now {@link System#nanoTime()}
     * @param keepAliveNanos the keep-alive interval
     */
    void tick(long now, long keepAliveNanos) {
        byte[] comment;
        if (now - lastPingNanos >= keepAliveNanos) {
            comment = SseFrames.ping(Instant.now());
            lastPingNanos = now;
        } else if (now - lastWriteNanos >= PROBE_AFTER_NANOS && hasPendingRequests()) {
            comment = SseFrames.PROBE;
        } else {
            return;
        }
        synchronized (lock) {
            // a non-empty queue is either being written or stuck behind a slow client: a comment adds nothing
            if (state != State.OPEN || !queue.isEmpty()) {
                return;
            }
            queue.addLast(comment);
            queuedBytes += comment.length;
        }
        pump();
    }

    private boolean hasPendingRequests() {
        McpSession s = session;
        return s != null && s.pendingRequests() > 0;
    }

    /**
     * Ends the stream for good: closes the session (cancelling its in-flight calls), unregisters it, gives back its
     * slot and completes the response. Idempotent.
     *
     * @param reason why, for the log
     * @param cause the failure, or {@code null}
     */
    void terminate(String reason, Throwable cause) {
        McpSession s;
        AsyncContext a;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            queue.clear();
            queuedBytes = 0;
            writable = false;
            s = session;
            a = async;
            if (s != null) {
                registry.unregister(s.id(), this);
            }
            registry.release();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("SSE session {} ended: {}{}", s == null ? "(not opened)" : s.id(), reason,
                    cause == null ? "" : " (" + cause + ")");
        }
        // outside the lock: the session may call back into this sink
        if (s != null) {
            s.close();
        }
        if (a != null) {
            complete(a);
        }
    }

    /** Writes queued frames while the output is ready. Never blocks. */
    private void pump() {
        Throwable failure = null;
        boolean drained = false;
        synchronized (lock) {
            if (!writable) {
                return;
            }
            try {
                while (out.isReady()) {
                    if (unflushed) {
                        unflushed = false;
                        out.flush();
                        continue;
                    }
                    byte[] frame = queue.pollFirst();
                    if (frame == null) {
                        drained = state == State.CLOSING;
                        break;
                    }
                    queuedBytes -= frame.length;
                    out.write(frame);
                    unflushed = true;
                    lastWriteNanos = System.nanoTime();
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            terminate("writing failed", failure);
        } else if (drained) {
            terminate("closed by the server", null);
        }
    }

    private static void complete(AsyncContext asyncContext) {
        try {
            asyncContext.complete();
        } catch (IllegalStateException e) {
            // already completed
        }
    }

    /** Container callbacks for the output. */
    private final class Writer implements WriteListener {
        @Override
        public void onWritePossible() {
            pump();
        }

        @Override
        public void onError(Throwable t) {
            terminate("the client went away", t);
        }
    }

    /** Container callbacks for the async request. */
    private final class Listener implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            terminate("the response completed", null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            terminate("the request timed out", null);
        }

        @Override
        public void onError(AsyncEvent event) {
            terminate("the request failed", event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }
}
