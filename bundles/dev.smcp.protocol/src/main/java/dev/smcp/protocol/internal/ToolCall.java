package dev.smcp.protocol.internal;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.Cancellation;
import dev.smcp.api.LogLevel;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.session.McpMessageSink;

/**
 * One {@code tools/call} request in flight. It ends exactly once: either completed (its response may be sent) or
 * cancelled (no response is ever sent).
 */
final class ToolCall implements ToolCallContext {

    private static final int RUNNING = 0;
    private static final int COMPLETED = 1;
    private static final int CANCELLED = 2;

    private final JsonNode requestId;
    private final String toolName;
    private final String sessionId;
    private final McpMessageSink replies;
    private final McpSessionImpl session;
    private final JsonNode progressToken;
    private final CallCancellation cancellation = new CallCancellation();
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    /** The last progress sent; guarded by this. */
    private double lastProgress = Double.NEGATIVE_INFINITY;

    /**
     * @param session the session the call belongs to, which sends its progress and log notifications
     * @param progressToken the client's {@code _meta.progressToken}, or {@code null} when it asked for no progress
     */
    ToolCall(JsonNode requestId, String toolName, String sessionId, McpMessageSink replies, McpSessionImpl session,
            JsonNode progressToken) {
        this.requestId = requestId;
        this.toolName = toolName;
        this.sessionId = sessionId;
        this.replies = replies;
        this.session = session;
        this.progressToken = progressToken;
    }

    @Override
    public String toolName() {
        return toolName;
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public void progress(double progress, Double total, String message) {
        if (progressToken == null || !Double.isFinite(progress) || total != null && !Double.isFinite(total)) {
            return;
        }
        // serialized, so notifications leave in increasing order and none follows the response
        synchronized (this) {
            if (state.get() != RUNNING || progress <= lastProgress) {
                return;
            }
            lastProgress = progress;
            session.progress(this, progressToken, progress, total, message);
        }
    }

    @Override
    public void log(LogLevel level, Object data) {
        if (state.get() == RUNNING) {
            session.log(this, level, data);
        }
    }

    JsonNode requestId() {
        return requestId;
    }

    /** @return the key of the request id among a session's in-flight requests (its JSON text) */
    String key() {
        return key(requestId);
    }

    static String key(JsonNode requestId) {
        return requestId.toString();
    }

    McpMessageSink replies() {
        return replies;
    }

    /** Cancels the call unless it already completed: its response will not be sent. */
    void cancel() {
        if (state.compareAndSet(RUNNING, CANCELLED)) {
            cancellation.cancel();
        }
    }

    /** @return whether the call completed now, so its response must be sent (false: it was cancelled) */
    boolean complete() {
        synchronized (this) { // waits for a progress notification being sent
            return state.compareAndSet(RUNNING, COMPLETED);
        }
    }

    boolean isCancelled() {
        return state.get() == CANCELLED;
    }
}
