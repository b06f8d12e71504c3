package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;

import jakarta.servlet.AsyncContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP session of the Streamable HTTP transport: the session, its negotiated protocol version, its GET stream
 * and the POSTs still being answered.
 * <p>
 * It is the session's own {@link McpMessageSink}: what the session sends unrelated to a POST (such as
 * {@code notifications/tools/list_changed}) gets the next event id, is kept in a bounded {@link ReplayBuffer}, and
 * goes to the GET stream when one is open. A GET without {@code Last-Event-ID} first receives what no stream has
 * been handed yet (sent while none was open); one with {@code Last-Event-ID} receives what came after that event,
 * as far as the buffer reaches. A new GET stream replaces the open one, which ends: a client that lost its
 * connection can always reconnect, even before the server has noticed the old connection is gone.
 * <p>
 * The session ends on {@code DELETE}, when the server closes it, or when the transport stops: the MCP session is
 * closed (its in-flight calls are cancelled), the GET stream ends, and POSTs still waiting are answered.
 */
final class StreamableSession implements McpMessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(StreamableSession.class);

    private final SseConnections<StreamableSession> registry;
    private final long maxQueuedBytes;
    private final String owner;
    private final Object lock = new Object();
    private final Set<PostExchange> exchanges = ConcurrentHashMap.newKeySet();

    // guarded by lock
    private final ReplayBuffer replay;
    private long handedId;
    private SseStream getStream;
    private boolean ended;

    private volatile McpSession session;
    private volatile String protocolVersion;
    /** When the session last had a request, a stream or a call in flight ({@link System#nanoTime()}). */
    private volatile long lastActive = System.nanoTime();

    /**
     * @param registry where the session is registered once initialized; the caller has reserved a slot there, which
     *            this session gives back when it ends
     * @param maxQueuedBytes the cap of each stream's queue
     * @param maxReplayBytes the cap of the replay buffer
     * @param owner who opened the session ({@link RequestGuard#admit}); only they may use it
     */
    StreamableSession(SseConnections<StreamableSession> registry, long maxQueuedBytes, long maxReplayBytes,
            String owner) {
        this.registry = registry;
        this.owner = owner;
        this.maxQueuedBytes = maxQueuedBytes;
        this.replay = new ReplayBuffer(maxReplayBytes);
    }

    /** @param opened the MCP session opened with this object as its sink */
    void attach(McpSession opened) {
        session = opened;
        boolean gone;
        synchronized (lock) {
            gone = ended;
        }
        if (gone) {
            opened.close(); // ended before the session was even returned
        }
    }

    /** @return who opened the session */
    String owner() {
        return owner;
    }

    /** @return the MCP session */
    McpSession session() {
        return session;
    }

    /**
     * Registers the session under its id once {@code initialize} succeeded.
     *
     * @param negotiated the negotiated protocol version
     * @return whether it was registered ({@code false}: it ended, or the transport is stopping)
     */
    boolean initialized(String negotiated) {
        protocolVersion = negotiated;
        McpSession s = session;
        if (!registry.register(s.id(), this)) {
            end("the transport is stopping");
            return false;
        }
        synchronized (lock) {
            if (!ended) {
                return true;
            }
        }
        registry.unregister(s.id(), this);
        return false;
    }

    /** @return the negotiated protocol version, or {@code null} before {@code initialize} */
    String protocolVersion() {
        return protocolVersion;
    }

    /** @return whether the session is open */
    boolean isOpen() {
        McpSession s = session;
        synchronized (lock) {
            if (ended) {
                return false;
            }
        }
        return s != null && s.isOpen();
    }

    /**
     * Starts a POST's exchange with the session.
     *
     * @param body the POST body
     * @return the exchange to pass to {@link McpSession#receive} and answer the POST with
     */
    PostExchange exchange(JsonMessages.PostBody body) {
        lastActive = System.nanoTime();
        PostExchange exchange = new PostExchange(body, maxQueuedBytes, exchanges::remove);
        exchanges.add(exchange);
        boolean gone;
        synchronized (lock) {
            gone = ended;
        }
        if (gone) {
            exchange.sessionEnded();
        }
        return exchange;
    }

    /**
     * The client cancelled requests: the POSTs waiting for them stop waiting.
     *
     * @param requestIds the JSON text of the request ids
     */
    void cancelled(List<String> requestIds) {
        for (String requestId : requestIds) {
            for (PostExchange exchange : exchanges) {
                exchange.cancelled(requestId);
            }
        }
    }

    /**
     * Opens the GET stream, replacing the open one.
     *
     * @param async the GET's async context, its headers set
     * @param lastEventId the {@code Last-Event-ID} header, or {@code null}
     * @return whether the stream started ({@code false}: the session ended meanwhile)
     * @throws IOException if the response output cannot be obtained
     */
    boolean openGetStream(AsyncContext async, String lastEventId) throws IOException {
        lastActive = System.nanoTime();
        SseStream stream = new SseStream(maxQueuedBytes, (reason, cause) -> getStreamEnded(reason, cause));
        SseStream replaced;
        List<byte[]> first = new ArrayList<>();
        first.add(SseFrames.PROBE); // sends the headers at once
        synchronized (lock) {
            if (ended) {
                stream.terminate("the session ended", null);
                stream.start(async, List.of());
                return false;
            }
            long from = parseEventId(lastEventId);
            first.addAll(replay.after(from < 0 ? handedId : from));
            handedId = replay.lastId();
            replaced = getStream;
            getStream = stream;
        }
        if (replaced != null) {
            replaced.close();
        }
        return stream.start(async, first);
    }

    private void getStreamEnded(String reason, Throwable cause) {
        synchronized (lock) {
            // a replaced stream is no longer the session's
            if (getStream != null && getStream.isEnded()) {
                getStream = null;
            }
        }
        if (LOG.isDebugEnabled()) {
            McpSession s = session;
            LOG.debug("GET stream of session {} ended: {}{}", s == null ? "-" : s.id(), reason,
                    cause == null ? "" : " (" + cause + ")");
        }
    }

    /** A message of the session's own: onto the GET stream, and into the replay buffer. */
    @Override
    public void send(String json) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            long id = replay.nextId();
            byte[] frame = SseFrames.message(id, json);
            replay.add(id, frame);
            if (getStream != null && getStream.send(frame)) {
                handedId = id;
            }
        }
    }

    /** The server closed the session. */
    @Override
    public void close() {
        end("closed by the server");
    }

    /**
     * Writes keep-alive pings on the session's quiet streams, and ends the session when it has been idle too long:
     * no GET stream, no POST being answered, no call in flight, and no request for {@code idleNanos}.
     */
    void tick(long now, long keepAliveNanos, long idleNanos) {
        SseStream stream;
        synchronized (lock) {
            stream = getStream;
        }
        if (stream != null) {
            stream.tick(now, keepAliveNanos, false);
        }
        for (PostExchange exchange : exchanges) {
            exchange.tick(now, keepAliveNanos);
        }
        McpSession s = session;
        if (stream != null || !exchanges.isEmpty() || s != null && s.pendingRequests() > 0) {
            lastActive = now;
        } else if (now - lastActive > idleNanos) {
            LOG.info("Streamable HTTP session {} expired: idle for {} s", s == null ? "-" : s.id(),
                    TimeUnit.NANOSECONDS.toSeconds(now - lastActive));
            end("idle");
        }
    }

    /**
     * Ends the session: closes the MCP session (cancelling its calls), ends the GET stream, answers the POSTs still
     * waiting, unregisters the session and gives back its slot. Idempotent.
     *
     * @param reason why, for the log
     */
    void end(String reason) {
        SseStream stream;
        McpSession s = session;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            stream = getStream;
            getStream = null;
        }
        if (s != null) {
            registry.unregister(s.id(), this);
        }
        registry.release();
        LOG.debug("Streamable HTTP session {} ended: {}", s == null ? "(not opened)" : s.id(), reason);
        if (s != null) {
            s.close();
        }
        if (stream != null) {
            stream.close();
        }
        for (PostExchange exchange : exchanges) {
            exchange.sessionEnded();
        }
    }

    /** @return the event id, or -1 when absent or not one of ours */
    private static long parseEventId(String lastEventId) {
        if (lastEventId == null) {
            return -1;
        }
        try {
            long id = Long.parseLong(lastEventId.strip());
            return id >= 0 ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
