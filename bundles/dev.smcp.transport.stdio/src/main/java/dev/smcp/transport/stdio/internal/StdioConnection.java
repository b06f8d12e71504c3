package dev.smcp.transport.stdio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * One MCP session over a pair of byte streams: newline-delimited JSON-RPC messages in, one message per line out.
 * <p>
 * <b>Reading.</b> A reader thread splits the input into lines ({@link LineReader}) and hands each non-blank line to
 * the session; a malformed one is answered by the session ({@code -32700}, id {@code null}). A line longer than
 * {@code maxLineBytes} is skipped to its end and answered with {@code -32600}, id {@code null}.
 * <p>
 * <b>Writing.</b> {@link #send} never blocks: lines wait in a queue that a writer thread empties, flushing whenever
 * it catches up, so messages never interleave and a slow reader on the other side holds up nobody. A message that
 * would take the queue over {@code maxQueuedBytes} (the other side stopped reading) ends the connection, as does a
 * failed write (the other side closed its end).
 * <p>
 * <b>Ending.</b> At the end of the input, when the session is closed by the server, or when the output fails, the
 * reader thread closes the session (cancelling its in-flight calls), lets the writer write what was queued before
 * (bounded by {@link #DRAIN_MILLIS}), closes both streams and runs {@code onEnd} once. {@link #stop} ends the
 * connection from outside and waits for both threads.
 */
final class StdioConnection implements McpMessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(StdioConnection.class);
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    /** The transport name sessions are opened with. */
    static final String TRANSPORT = "stdio";
    /** How long the end of a connection waits for queued messages to be written. */
    static final long DRAIN_MILLIS = 10_000;
    private static final String STOPPING = "the transport is stopping";
    /** How long {@link #stop} waits for each thread. */
    private static final long JOIN_MILLIS = 15_000;

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final long maxQueuedBytes;
    private final Runnable onEnd;
    private final Thread reader;
    private final Thread writer;
    private final CountDownLatch drained = new CountDownLatch(1);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object lock = new Object();

    // guarded by lock
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** No more messages are accepted; the writer stops once the queue is empty. */
    private boolean closing;

    private volatile McpSession session;
    /** The output cannot be used any more: nothing is left to drain. */
    private volatile boolean outputBroken;
    /** Why the connection ends, when not at the end of the input; for the log. */
    private volatile String endReason;

    /**
     * @param in the input: client messages, one per line
     * @param out the output: server messages, one per line
     * @param maxLineBytes the longest accepted input line, in bytes
     * @param maxQueuedBytes the most bytes of messages waiting to be written (one message alone always fits)
     * @param onEnd run once, on the reader thread, after the connection ended (not when {@link #stop} ended it)
     */
    StdioConnection(InputStream in, OutputStream out, int maxLineBytes, long maxQueuedBytes, Runnable onEnd) {
        this.in = in;
        this.out = out;
        this.maxLineBytes = Math.max(1, maxLineBytes);
        this.maxQueuedBytes = Math.max(1, maxQueuedBytes);
        this.onEnd = onEnd;
        int number = CONNECTIONS.incrementAndGet();
        this.reader = new Thread(this::read, "smcp-stdio-reader-" + number);
        this.writer = new Thread(this::write, "smcp-stdio-writer-" + number);
        reader.setDaemon(true);
        writer.setDaemon(true);
    }

    /**
     * Opens the session and starts reading and writing.
     *
     * @param sessions where the session is opened
     * @return the session
     */
    McpSession start(McpSessionManager sessions) {
        McpSession opened = sessions.open(TRANSPORT, this);
        session = opened;
        writer.start();
        reader.start();
        LOG.info("stdio transport started: session {}, maxLineBytes={}, maxQueuedBytes={}", opened.id(),
                maxLineBytes, maxQueuedBytes);
        return opened;
    }

    /**
     * Ends the connection: closes the session and both streams without running {@code onEnd}, and waits for the
     * threads. Idempotent.
     */
    void stop() {
        if (ended.compareAndSet(false, true)) {
            endReason = STOPPING;
        }
        McpSession s = session;
        if (s != null) {
            s.close();
        }
        synchronized (lock) {
            closing = true;
            queue.clear();
            queuedBytes = 0;
            lock.notifyAll();
        }
        closeQuietly(in);
        closeQuietly(out);
        join(reader);
        join(writer);
    }

    /** @return whether the connection has not started ending */
    boolean isOpen() {
        return !ended.get();
    }

    @Override
    public void send(String json) {
        byte[] line = frame(json);
        boolean overflow;
        long waiting;
        synchronized (lock) {
            if (closing) {
                return;
            }
            waiting = queuedBytes;
            overflow = !queue.isEmpty() && queuedBytes + line.length > maxQueuedBytes;
            if (!overflow) {
                queue.addLast(line);
                queuedBytes += line.length;
                lock.notifyAll();
            }
        }
        if (overflow) {
            abort("the client is not reading the server's output (" + waiting + " bytes waiting)");
        }
    }

    /** The server closed the session: what is queued is still written, then the connection ends. */
    @Override
    public void close() {
        if (ended.compareAndSet(false, true)) {
            endReason = "the server closed the session";
            closeQuietly(in);
        }
    }

    /** One message as one line: compact JSON has line breaks only as whitespace between tokens, if at all. */
    static byte[] frame(String json) {
        String text = json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0
                ? json.replace('\r', ' ').replace('\n', ' ') : json;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, line, 0, bytes.length);
        line[bytes.length] = '\n';
        return line;
    }

    /** The answer to a line longer than the limit: its id cannot be known. */
    static String tooLong(long bytes, int maxLineBytes) {
        return "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: message of "
                + bytes + " bytes is longer than the limit of " + maxLineBytes + " bytes\"}}";
    }

    private void read() {
        LineReader lines = new LineReader(in, maxLineBytes);
        try {
            for (LineReader.Line line; (line = lines.next()) != null;) {
                if (line.tooLong()) {
                    LOG.warn("stdio: skipped a message of {} bytes (limit {} bytes)", line.bytes(), maxLineBytes);
                    send(tooLong(line.bytes(), maxLineBytes));
                } else if (!line.text().isBlank()
                        && session.receive(line.text(), this) == McpSession.Receipt.CLOSED) {
                    break;
                }
            }
        } catch (IOException e) {
            if (!ended.get()) {
                endReason = "reading the input failed: " + e;
            }
        } catch (RuntimeException e) {
            LOG.error("stdio: handling a message failed", e);
            endReason = "handling a message failed: " + e;
        }
        end();
    }

    /** Runs once on the reader thread when it stops reading. */
    private void end() {
        ended.set(true);
        String reason = endReason;
        boolean stopped = STOPPING.equals(reason);
        if (!stopped) {
            LOG.info("stdio transport ending: {}", reason == null ? "end of input" : reason);
        }
        McpSession s = session;
        if (s != null) {
            s.close();
        }
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        if (outputBroken) {
            closeQuietly(out); // wakes a writer stuck on a client that does not read
        }
        try {
            if (!drained.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("stdio: the client did not read the last messages ({} bytes) within {} ms; dropping them",
                        queuedBytes(), DRAIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(in);
        closeQuietly(out);
        if (!stopped) {
            try {
                onEnd.run();
            } catch (RuntimeException e) {
                LOG.error("stdio: ending failed", e);
            }
        }
    }

    private long queuedBytes() {
        synchronized (lock) {
            return queuedBytes;
        }
    }

    private void write() {
        boolean dirty = false;
        try {
            while (true) {
                byte[] next;
                synchronized (lock) {
                    next = queue.pollFirst();
                    if (next != null) {
                        queuedBytes -= next.length;
                    } else if (!dirty) {
                        if (closing) {
                            return;
                        }
                        lock.wait();
                        continue;
                    }
                }
                if (next == null) {
                    out.flush();
                    dirty = false;
                } else {
                    out.write(next);
                    dirty = true;
                }
            }
        } catch (IOException e) {
            abort("writing the output failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            drained.countDown();
        }
    }

    /** Ends the connection because the output is unusable: nothing more is written. */
    private void abort(String reason) {
        outputBroken = true;
        if (ended.compareAndSet(false, true)) {
            endReason = reason;
            LOG.warn("stdio: {}", reason);
        }
        synchronized (lock) {
            closing = true;
            queue.clear();
            queuedBytes = 0;
            lock.notifyAll();
        }
        closeQuietly(in);
    }

    private void join(Thread thread) {
        if (thread == Thread.currentThread()) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
            if (thread.isAlive()) {
                LOG.warn("stdio: thread {} did not stop", thread.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed or broken: either way it is done
        }
    }
}
