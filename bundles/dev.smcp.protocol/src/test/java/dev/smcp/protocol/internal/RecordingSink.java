package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.session.McpMessageSink;

/** A sink that records what it is sent; checks that every message is one line of JSON. */
final class RecordingSink implements McpMessageSink {

    static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger closes = new AtomicInteger();

    @Override
    public void send(String json) {
        assertFalse(json.contains("\n") || json.contains("\r"), "message has a line break: " + json);
        messages.add(json);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    /** @return the next message's text, waiting up to {@link Await#TIMEOUT_MILLIS} */
    String nextText() {
        try {
            String message = messages.poll(Await.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertNotNull(message, "no message arrived");
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the next message, parsed */
    JsonNode next() {
        return parse(nextText());
    }

    /** @return the messages received so far, removing them */
    List<String> drain() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    /**
     * @return the messages received so far other than {@code notifications/tools/list_changed}, removing all; tools
     *         registered before {@code initialize} may legitimately cause one
     */
    List<String> drainIgnoringListChanged() {
        return drain().stream().filter(m -> !m.equals(McpSessionImpl.LIST_CHANGED)).toList();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    int closes() {
        return closes.get();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
