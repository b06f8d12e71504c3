package dev.smcp.protocol.internal;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.Cancellation;
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
    private final CallCancellation cancellation = new CallCancellation();
    private final AtomicInteger state = new AtomicInteger(RUNNING);

    ToolCall(JsonNode requestId, String toolName, String sessionId, McpMessageSink replies) {
        this.requestId = requestId;
        this.toolName = toolName;
        this.sessionId = sessionId;
        this.replies = replies;
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
        return state.compareAndSet(RUNNING, COMPLETED);
    }

    boolean isCancelled() {
        return state.get() == CANCELLED;
    }
}
