package dev.smcp.transport.stdio.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Sessions that answer every request at once with an empty result, except method {@code "slow"}, which is kept
 * waiting (and dropped when the session closes); text that does not start like JSON is malformed and answered as
 * the protocol engine does.
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

    static final class FakeSession implements McpSession {
        static final String PARSE_ERROR = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error\"}}";
        private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

        final String transport;
        final McpMessageSink sink;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<McpMessageSink> waiting = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);
        final CountDownLatch slowArrived = new CountDownLatch(1);
        volatile boolean open = true;

        FakeSession(String transport, McpMessageSink sink) {
            this.transport = transport;
            this.sink = sink;
        }

        @Override
        public String id() {
            return "0123456789abcdef0123456789abcdef";
        }

        @Override
        public Receipt receive(String message, McpMessageSink replies) {
            if (!open) {
                return Receipt.CLOSED;
            }
            received.add(message);
            String trimmed = message.strip();
            if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
                replies.send(PARSE_ERROR);
                return Receipt.MALFORMED;
            }
            Matcher id = ID.matcher(message);
            if (message.contains("\"method\":\"slow\"")) {
                waiting.add(replies);
                slowArrived.countDown();
            } else if (id.find()) {
                replies.send("{\"jsonrpc\":\"2.0\",\"id\":" + id.group(1) + ",\"result\":{}}");
            }
            return Receipt.ACCEPTED;
        }

        @Override
        public void close() {
            open = false;
            waiting.clear();
            closed.countDown();
        }

        /** The server ends the session, as the protocol engine does when it stops. */
        void closeByServer() {
            close();
            sink.close();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public int pendingRequests() {
            return waiting.size();
        }
    }
}
