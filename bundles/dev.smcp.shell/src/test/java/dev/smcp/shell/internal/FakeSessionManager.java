package dev.smcp.shell.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Opens sessions that answer {@code initialize} at once and {@code tools/call} with what the handler returns
 * (nothing: the call hangs until the session is closed). Records every session and message.
 */
final class FakeSessionManager implements McpSessionManager {

    /** Answers a tools/call request: the response message, or {@code null} to never answer. */
    Function<JsonNode, String> toolsCall = request -> response(request, "{\"content\":[],\"isError\":false}");

    final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
    /** Counted down when a session receives tools/call. */
    final CountDownLatch callReceived = new CountDownLatch(1);

    @Override
    public McpSession open(String transport, McpMessageSink sink) {
        FakeSession session = new FakeSession(transport, sink);
        sessions.add(session);
        return session;
    }

    static String response(JsonNode request, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id") + ",\"result\":" + result + "}";
    }

    final class FakeSession implements McpSession {

        final String transport;
        final McpMessageSink sink;
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
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
            JsonNode node;
            try {
                node = Json.parse(message);
            } catch (JsonProcessingException e) {
                return Receipt.MALFORMED;
            }
            received.add(node);
            String method = node.path("method").asText();
            if (method.equals("initialize")) {
                ObjectNode result = Json.object();
                result.put("protocolVersion", node.path("params").path("protocolVersion").asText());
                replies.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
                replies.send(response(node, Json.compact(result)));
            } else if (method.equals("tools/call")) {
                callReceived.countDown();
                String answer = toolsCall.apply(node);
                if (answer != null) {
                    replies.send(answer);
                }
            }
            return Receipt.ACCEPTED;
        }

        @Override
        public void close() {
            open = false;
        }

        /** As the server does when it stops. */
        void closeByServer() {
            open = false;
            sink.close();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public int pendingRequests() {
            return 0;
        }
    }
}
