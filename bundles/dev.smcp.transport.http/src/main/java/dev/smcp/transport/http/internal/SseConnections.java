package dev.smcp.transport.http.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open sessions of one HTTP transport by session id, and the cap on how many there may be. Thread-safe.
 *
 * @param <C> what the transport keeps per session
 * <p>
 * A stream takes a slot ({@link #tryReserve()}) before its session is opened and gives it back
 * ({@link #release()}) exactly once when it ends, so the cap also counts streams still being set up.
 */
final class SseConnections<C> {

    private final ConcurrentHashMap<String, C> byId = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final int maxSessions;
    private boolean closed; // guarded by this

    SseConnections(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** @return whether a slot was free; if so the caller must {@link #release()} it once */
    boolean tryReserve() {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        if (reserved.incrementAndGet() > maxSessions) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        reserved.decrementAndGet();
    }

    /** @return whether the stream was registered; {@code false} once {@link #closeAll()} was called */
    synchronized boolean register(String sessionId, C connection) {
        if (closed) {
            return false;
        }
        byId.put(sessionId, connection);
        return true;
    }

    void unregister(String sessionId, C connection) {
        byId.remove(sessionId, connection);
    }

    /** @return the stream of a session, or {@code null} */
    C find(String sessionId) {
        return byId.get(sessionId);
    }

    /** @return the registered streams */
    List<C> all() {
        return List.copyOf(byId.values());
    }

    /** @return whether {@link #closeAll()} was called */
    synchronized boolean isClosed() {
        return closed;
    }

    /** @return how many slots are taken */
    int size() {
        return reserved.get();
    }

    /**
     * Refuses new streams from now on.
     *
     * @return the streams registered so far, for the caller to end
     */
    List<C> closeAll() {
        synchronized (this) {
            closed = true;
        }
        return all();
    }
}
