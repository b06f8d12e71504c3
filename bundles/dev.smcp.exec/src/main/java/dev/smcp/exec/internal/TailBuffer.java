package dev.smcp.exec.internal;

import java.util.Arrays;

/**
 * Keeps the last {@code cap} bytes written to it (a ring once full) and remembers whether earlier bytes were
 * dropped. Memory grows with what was written, up to the cap. Thread-safe like {@link CappedBuffer}.
 */
final class TailBuffer {

    private static final int INITIAL_CAPACITY = 1024;

    private final int cap;
    private byte[] data = new byte[0];
    /** Index of the oldest byte; non-zero only once {@code data.length == cap}. */
    private int start;
    private int size;
    private boolean truncated;
    private boolean sealed;

    TailBuffer(int cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    synchronized void append(byte[] bytes, int offset, int length) {
        if (sealed || length <= 0) {
            return;
        }
        if (length >= cap) {
            ensureCapacity(cap);
            System.arraycopy(bytes, offset + length - cap, data, 0, cap);
            truncated |= size > 0 || length > cap;
            start = 0;
            size = cap;
            return;
        }
        ensureCapacity(Math.min(cap, size + length));
        int survivors = cap - length;
        if (size > survivors) {
            int dropped = size - survivors;
            start = (start + dropped) % cap;
            size = survivors;
            truncated = true;
        }
        int position = (start + size) % cap;
        int first = Math.min(length, cap - position);
        System.arraycopy(bytes, offset, data, position, first);
        System.arraycopy(bytes, offset + first, data, 0, length - first);
        size += length;
    }

    /** @return whether bytes were dropped from the front */
    synchronized boolean truncated() {
        return truncated;
    }

    /** Stops collecting (later appends are ignored) and returns the kept tail, oldest byte first. */
    synchronized byte[] seal() {
        sealed = true;
        byte[] out = new byte[size];
        int first = Math.min(size, data.length - start);
        System.arraycopy(data, start, out, 0, first);
        System.arraycopy(data, 0, out, first, size - first);
        return out;
    }

    private void ensureCapacity(int needed) {
        if (needed > data.length) {
            // start is 0 whenever data is shorter than cap, so a plain copy keeps the order
            int grown = Math.max(needed, Math.max(INITIAL_CAPACITY, data.length * 2));
            data = Arrays.copyOf(data, Math.min(cap, grown));
        }
    }
}
