package dev.smcp.transport.http.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Sessions that answer every request at once with an empty result, except method {@code "slow"}, which is kept
 * waiting; text that does not start like JSON is malformed.
 */
final class FakeSessionManager implements McpSessionManager {

    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();

    @Override
    public McpSession open(String transport, McpMessageSink sink) {
        FakeSession session = new FakeSession(transport, sink);
        sessions.add(session);
        return session;
    }

    FakeSession only() {
        if (sessions.size() != 1) {
            throw new AssertionError("sessions: " + sessions.size());
        }
        return sessions.get(0);
    }

    FakeSession byId(String id) {
        return sessions.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }

    static final class FakeSession implements McpSession {
        private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

        final String id = UUID.randomUUID().toString().replace("-", "");
        final String transport;
        final McpMessageSink sink;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<McpMessageSink> waiting = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        volatile boolean open = true;
        volatile boolean refuse;

        FakeSession(String transport, McpMessageSink sink) {
            this.transport = transport;
            this.sink = sink;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Receipt receive(String message, McpMessageSink replies) {
            if (!open || refuse) {
                return Receipt.CLOSED;
            }
            String trimmed = message.strip();
            if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
                replies.send("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
                return Receipt.MALFORMED;
            }
            received.add(message);
            Matcher id = ID.matcher(message);
            if (message.contains("\"method\":\"slow\"")) {
                waiting.add(replies);
            } else if (id.find()) {
                replies.send("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":{}}");
            }
            return Receipt.ACCEPTED;
        }

        /** Answers the waiting "slow" request. */
        void answerSlow(int requestId) {
            waiting.remove(0).send("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":{}}");
        }

        @Override
        public void close() {
            open = false;
            closed.countDown();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public int pendingRequests() {
            return waiting.size();
        }

        boolean isClosed() {
            return !open;
        }
    }
}
