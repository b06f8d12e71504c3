package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

/**
 * One streamed HTTP response body (an SSE stream, or a one-chunk JSON body) written without ever blocking a caller.
 * <p>
 * <b>Writing.</b> The stream uses the servlet's non-blocking output ({@link WriteListener}). Chunks wait in a
 * bounded queue and are written one at a time, each followed by a flush, by whichever thread finds the output
 * ready: a {@link #send}, the keep-alive {@link #tick}, or the container's {@code onWritePossible}. All writing
 * happens under one lock, so chunks never interleave, and no thread ever blocks on the network: a slow client
 * just makes the queue grow, and when a chunk would take it over {@code maxQueuedBytes} the stream ends.
 * <p>
 * <b>Noticing a vanished client.</b> Measured with Jetty 12.0.32 (the Jetty in Felix HTTP Jetty 12): when a
 * client closes its connection while the stream is idle, Jetty tells nobody: no {@link AsyncListener} call, no
 * {@code ReadListener} call, and its idle timeout does not fire while no I/O is pending. Only writing reveals it:
 * the first write after the close still succeeds (the kernel accepts it and the peer answers with a reset), a later
 * one fails, reported through {@link WriteListener#onError}; {@code AsyncListener.onError} is not called even then,
 * so the stream completes its async context itself. Hence the keep-alive pings, and the probes {@link #tick} writes
 * when its caller wants a vanished client noticed quickly.
 * <p>
 * Chunks may be queued before {@link #start}: they are written once the stream starts. Whatever way the stream
 * ends, its {@link Ended} callback runs exactly once, outside the stream's lock.
 */
final class SseStream {

    /** A stream quiet for this long gets a probe when the caller of {@link #tick} asks for one. */
    static final long PROBE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Told once that a stream ended. */
    @FunctionalInterface
    interface Ended {
        /**
         * @param reason why, for the log
         * @param cause the failure, or {@code null}
         */
        void ended(String reason, Throwable cause);
    }

    private enum State {
        /** Created; not started yet. */
        NEW,
        /** Streaming. */
        OPEN,
        /** Write what is queued, then end. */
        CLOSING,
        /** Ended. */
        CLOSED
    }

    private final long maxQueuedBytes;
    private final Ended onEnd;
    private final Object lock = new Object();

    // guarded by lock
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private State state = State.NEW;
    private boolean writable;
    private boolean unflushed;
    private ServletOutputStream out;
    private AsyncContext async;

    private volatile long lastWriteNanos = System.nanoTime();
    private volatile long lastPingNanos = lastWriteNanos;

    /**
     * @param maxQueuedBytes the most bytes of chunks waiting to be written (one chunk alone always fits)
     * @param onEnd told once when the stream ends
     */
    SseStream(long maxQueuedBytes, Ended onEnd) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.onEnd = onEnd;
    }

    /**
     * Starts writing: {@code firstChunks}, then what was queued before. Call from the request's thread after
     * {@code startAsync} and after setting the response headers.
     *
     * @param asyncContext the request's async context
     * @param firstChunks written first
     * @return {@code false} if the stream had already ended (its async context is then completed)
     * @throws IOException if the response output cannot be obtained
     */
    boolean start(AsyncContext asyncContext, List<byte[]> firstChunks) throws IOException {
        ServletOutputStream output = asyncContext.getResponse().getOutputStream();
        asyncContext.addListener(new Listener());
        synchronized (lock) {
            if (state == State.CLOSED) {
                complete(asyncContext);
                return false;
            }
            async = asyncContext;
            out = output;
            if (state == State.NEW) {
                state = State.OPEN;
            }
            for (int i = firstChunks.size() - 1; i >= 0; i--) {
                byte[] chunk = firstChunks.get(i);
                queue.addFirst(chunk);
                queuedBytes += chunk.length;
            }
            output.setWriteListener(new Writer());
            writable = true;
        }
        pump();
        return true;
    }

    /** @return whether the stream is started and neither closing nor ended */
    boolean isOpen() {
        synchronized (lock) {
            return state == State.OPEN;
        }
    }

    /** @return whether the stream has ended */
    boolean isEnded() {
        synchronized (lock) {
            return state == State.CLOSED;
        }
    }

    /**
     * Queues one chunk. A chunk that would take the queue over its cap ends the stream instead.
     *
     * @param chunk the bytes
     * @return whether the chunk was queued ({@code false}: the stream is closing or ended, or it overflowed now)
     */
    boolean send(byte[] chunk) {
        boolean overflow;
        synchronized (lock) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return false;
            }
            overflow = !queue.isEmpty() && queuedBytes + chunk.length > maxQueuedBytes;
            if (!overflow) {
                queue.addLast(chunk);
                queuedBytes += chunk.length;
            }
        }
        if (overflow) {
            terminate("its client stopped reading", null);
            return false;
        }
        pump();
        return true;
    }

    /** Ends the stream once what is queued has been written; before {@link #start}, ends it at once. */
    void close() {
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
     * for a second and {@code probe} is set.
     *
     * @param now {@link System#nanoTime()}
     * @param keepAliveNanos the keep-alive interval
     * @param probe whether a vanished client should be noticed quickly now
     */
    void tick(long now, long keepAliveNanos, boolean probe) {
        byte[] comment;
        if (now - lastPingNanos >= keepAliveNanos) {
            comment = SseFrames.ping(Instant.now());
            lastPingNanos = now;
        } else if (probe && now - lastWriteNanos >= PROBE_AFTER_NANOS) {
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

    /**
     * Ends the stream now, dropping what is queued, and completes the response. Idempotent.
     *
     * @param reason why, for the log
     * @param cause the failure, or {@code null}
     */
    void terminate(String reason, Throwable cause) {
        AsyncContext a;
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            queue.clear();
            queuedBytes = 0;
            writable = false;
            a = async;
        }
        // outside the lock: the callback may call back into whoever sends to this stream
        onEnd.ended(reason, cause);
        if (a != null) {
            complete(a);
        }
    }

    /** Writes queued chunks while the output is ready. Never blocks. */
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
                    byte[] chunk = queue.pollFirst();
                    if (chunk == null) {
                        drained = state == State.CLOSING;
                        break;
                    }
                    queuedBytes -= chunk.length;
                    out.write(chunk);
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
