package dev.smcp.transport.http.internal;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Sessions for the Streamable HTTP tests. Every message with an id is answered at once with an empty result, except:
 * {@code initialize} echoes the requested protocol version; {@code slow} is kept waiting; {@code chatty} gets a
 * notification first, then its response. A notification {@code notifications/cancelled} is recorded.
 */
final class StreamableTestSessions implements McpSessionManager {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"protocolVersion\":\"([^\"]*)\"");

    final List<Session> sessions = new CopyOnWriteArrayList<>();

    @Override
    public McpSession open(String transport, McpMessageSink sink) {
        Session session = new Session(sink);
        sessions.add(session);
        return session;
    }

    Session byId(String id) {
        return sessions.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow();
    }

    static final class Session implements McpSession {
        final String id = UUID.randomUUID().toString().replace("-", "");
        final McpMessageSink sink;
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<McpMessageSink> waiting = new CopyOnWriteArrayList<>();
        volatile boolean open = true;

        Session(McpMessageSink sink) {
            this.sink = sink;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Receipt receive(String message, McpMessageSink replies) {
            if (!open) {
                return Receipt.CLOSED;
            }
            received.add(message);
            if (message.contains("\"method\":\"slow\"")) {
                waiting.add(replies);
                return Receipt.ACCEPTED;
            }
            if (message.contains("\"method\":\"chatty\"")) {
                replies.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
            }
            Matcher version = VERSION.matcher(message);
            boolean initialize = message.contains("\"method\":\"initialize\"") && version.find();
            Matcher ids = ID.matcher(message);
            while (ids.find()) {
                String result = initialize ? "{\"protocolVersion\":\"" + version.group(1) + "\"}" : "{}";
                replies.send("{\"jsonrpc\":\"2.0\",\"id\":" + ids.group(1) + ",\"result\":" + result + "}");
            }
            return Receipt.ACCEPTED;
        }

        /** Answers the oldest waiting "slow" request. */
        void answerSlow(int requestId) {
            waiting.remove(0).send("{\"jsonrpc\":\"2.0\",\"id\":" + requestId + ",\"result\":{\"slow\":true}}");
        }

        @Override
        public void close() {
            open = false;
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
