package dev.smcp.exec.internal;

import java.util.Arrays;

/**
 * Collects bytes up to a cap and remembers whether more arrived. Thread-safe: a reader thread appends while the
 * caller may {@link #seal()} it.
 */
final class CappedBuffer {

    private static final int INITIAL_CAPACITY = 8192;

    private final int cap;
    private byte[] data = new byte[0];
    private int size;
    private boolean overflowed;
    private boolean sealed;

    CappedBuffer(int cap) {
        if (cap <= 0) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /**
     * Appends what fits under the cap and drops the rest.
     *
     * @return {@code true} only for the append that first went over the cap
     */
    synchronized boolean append(byte[] bytes, int offset, int length) {
        if (sealed || overflowed || length <= 0) {
            return false;
        }
        int fits = Math.min(length, cap - size);
        ensureCapacity(size + fits);
        System.arraycopy(bytes, offset, data, size, fits);
        size += fits;
        if (fits < length) {
            overflowed = true;
            return true;
        }
        return false;
    }

    /** @return whether more than the cap was offered */
    synchronized boolean overflowed() {
        return overflowed;
    }

    /** Stops collecting (later appends are ignored) and returns what was kept. */
    synchronized byte[] seal() {
        sealed = true;
        return Arrays.copyOf(data, size);
    }

    private void ensureCapacity(int needed) {
        if (needed > data.length) {
            int grown = Math.max(needed, Math.max(INITIAL_CAPACITY, data.length * 2));
            data = Arrays.copyOf(data, Math.min(cap, grown));
        }
    }
}
