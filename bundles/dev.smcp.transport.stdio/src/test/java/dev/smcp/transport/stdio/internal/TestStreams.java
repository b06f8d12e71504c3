package dev.smcp.transport.stdio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Streams standing in for a pipe's two ends, closable from any thread as the process's channels are. */
final class TestStreams {

    private TestStreams() {
    }

    /** What the client writes: bytes fed by the test, then an end; closing wakes a blocked reader. */
    static final class Input extends InputStream {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private byte[] data = new byte[0];
        private int position;
        private boolean eof;
        private boolean closed;

        synchronized void feed(String text) {
            pending.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            notifyAll();
        }

        /** The client closes its end: the reader sees the end of the stream after what was fed. */
        synchronized void end() {
            eof = true;
            notifyAll();
        }

        synchronized boolean isClosed() {
            return closed;
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                if (closed) {
                    throw new IOException("closed");
                }
                if (position == data.length && pending.size() > 0) {
                    data = pending.toByteArray();
                    pending.reset();
                    position = 0;
                }
                if (position < data.length) {
                    int n = Math.min(len, data.length - position);
                    System.arraycopy(data, position, b, off, n);
                    position += n;
                    return n;
                }
                if (eof) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }
    }

    /** What the client reads: collects lines; can refuse writes or hold them until closed. */
    static final class Output extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private final List<String> lines = new ArrayList<>();
        private volatile boolean broken;
        private boolean blocked;
        private boolean closed;
        private int flushes;

        /** Writes fail from now on, as on a pipe whose reader is gone. */
        void breakPipe() {
            broken = true;
        }

        /** Writes wait from now on until the stream is closed, as on a full pipe nobody reads. */
        synchronized void block() {
            blocked = true;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            while (blocked && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
            if (closed || broken) {
                throw new IOException("Broken pipe");
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines.add(current.toString(StandardCharsets.UTF_8));
                    current.reset();
                } else {
                    current.write(b[i]);
                }
            }
            notifyAll();
        }

        @Override
        public synchronized void flush() {
            flushes++;
            notifyAll();
        }

        @Override
        public synchronized void close() {
            closed = true;
            notifyAll();
        }

        synchronized boolean isClosed() {
            return closed;
        }

        /** Waits up to a minute for a first flush (a writer flushes after writing its line); returns the count. */
        synchronized int awaitFlush() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (flushes == 0 && deadline - System.nanoTime() > 0) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
            return flushes;
        }

        /** @return the complete lines written so far */
        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        /** @return the bytes of a line not finished yet */
        synchronized int partial() {
            return current.size();
        }

        /** Waits until at least {@code count} lines were written, up to a minute; returns them. */
        synchronized List<String> await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (lines.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " lines, got " + lines);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(lines);
        }
    }
}
