package dev.smcp.shell.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Calls a tool the way an MCP client does, through the protocol engine: a session of its own (transport
 * {@value #TRANSPORT}), {@code initialize}, {@code notifications/initialized}, {@code tools/call}, and the session
 * closed afterwards whatever happened. Closing the session cancels a call still running, which kills a plugin's
 * process. Thread-safe; {@link #closeAll()} ends every call in progress.
 */
final class ToolCaller {

    /** The transport name of console sessions, as {@code smcp:sessions} shows it. */
    static final String TRANSPORT = "console";
    /** The {@code clientInfo.name} of console sessions. */
    static final String CLIENT_NAME = "smcp-console";

    private static final int INITIALIZE_ID = 1;
    private static final int CALL_ID = 2;

    private final String clientVersion;
    private final Set<Conversation> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param clientVersion the {@code clientInfo.version} of console sessions */
    ToolCaller(String clientVersion) {
        this.clientVersion = Objects.requireNonNull(clientVersion, "clientVersion");
    }

    /** What became of a call. */
    sealed interface Outcome {
    }

    /** The server answered {@code tools/call} with a result (which may be a tool error: {@code isError}). */
    record Answered(JsonNode result) implements Outcome {
    }

    /** The server answered {@code initialize} or {@code tools/call} with a JSON-RPC error. */
    record Failed(String method, int code, String message, JsonNode data) implements Outcome {
    }

    /** The calling thread was interrupted; the session was closed, cancelling the call. */
    record Interrupted() implements Outcome {
    }

    /** No answer within the time allowed; the session was closed, cancelling the call. */
    record TimedOut(Duration after) implements Outcome {
    }

    /** The session was closed before the answer came: the server or the console is stopping. */
    record SessionClosed() implements Outcome {
    }

    /**
     * Calls a tool and waits for the answer. When the calling thread is interrupted, the call is cancelled, the
     * outcome is {@link Interrupted} and the thread's interrupt status is set again.
     *
     * @param manager opens the session
     * @param protocolVersion the protocol version to ask for in {@code initialize}
     * @param tool the tool name
     * @param arguments the tool arguments
     * @param timeout how long to wait for the answers, or {@code null} to wait until they come
     * @return the outcome
     * @throws IllegalStateException if the server cannot open a session or refuses a console message as malformed
     */
    Outcome call(McpSessionManager manager, String protocolVersion, String tool, ObjectNode arguments,
            Duration timeout) {
        long deadline = timeout == null ? 0 : System.nanoTime() + Math.max(1, timeout.toNanos());
        Inbox inbox = new Inbox();
        McpSession session = manager.open(TRANSPORT, inbox);
        Conversation conversation = new Conversation(session, inbox);
        running.add(conversation);
        try {
            if (closed) {
                return new SessionClosed();
            }
            ObjectNode initialize = Json.object();
            initialize.put("protocolVersion", protocolVersion);
            initialize.putObject("capabilities");
            initialize.putObject("clientInfo").put("name", CLIENT_NAME).put("version", clientVersion);
            Outcome initialized = conversation.request(INITIALIZE_ID, "initialize", initialize, deadline, timeout);
            if (!(initialized instanceof Answered)) {
                return initialized;
            }
            ObjectNode notification = Json.object();
            notification.put("jsonrpc", "2.0");
            notification.put("method", "notifications/initialized");
            if (!conversation.send(notification)) {
                return new SessionClosed();
            }
            ObjectNode params = Json.object();
            params.put("name", tool);
            params.set("arguments", arguments);
            return conversation.request(CALL_ID, "tools/call", params, deadline, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Interrupted();
        } finally {
            running.remove(conversation);
            session.close();
        }
    }

    /** Closes the sessions of the calls in progress; they end with {@link SessionClosed}. Later calls end at once. */
    void closeAll() {
        closed = true;
        for (Conversation conversation : running) {
            conversation.session.close();
            conversation.inbox.close();
        }
    }

    /** @return how many calls are in progress */
    int running() {
        return running.size();
    }

    /** One call's session and what the session sent. */
    private record Conversation(McpSession session, Inbox inbox) {

        /** @return whether the session took the message */
        boolean send(ObjectNode message) {
            McpSession.Receipt receipt = session.receive(Json.compact(message), inbox);
            if (receipt == McpSession.Receipt.MALFORMED) {
                throw new IllegalStateException("The MCP server refused a console message as malformed");
            }
            return receipt == McpSession.Receipt.ACCEPTED;
        }

        Outcome request(int id, String method, ObjectNode params, long deadline, Duration timeout)
                throws InterruptedException {
            ObjectNode request = Json.object();
            request.put("jsonrpc", "2.0");
            request.put("id", id);
            request.put("method", method);
            request.set("params", params);
            if (!send(request)) {
                return new SessionClosed();
            }
            while (true) {
                String message = inbox.next(deadline);
                if (message == null) {
                    return new TimedOut(timeout);
                }
                if (message == Inbox.CLOSED) {
                    return new SessionClosed();
                }
                JsonNode response = responseTo(id, message);
                if (response == null) {
                    continue; // a notification, or not ours
                }
                JsonNode error = response.get("error");
                if (error != null) {
                    return new Failed(method, error.path("code").asInt(), error.path("message").asText(null),
                            error.get("data"));
                }
                return new Answered(response.get("result"));
            }
        }

        private static JsonNode responseTo(int id, String message) {
            JsonNode node;
            try {
                node = Json.parse(message);
            } catch (JsonProcessingException e) {
                return null;
            }
            JsonNode messageId = node.path("id");
            boolean ours = messageId.isIntegralNumber() && messageId.asLong() == id;
            return ours && (node.has("result") || node.has("error")) ? node : null;
        }
    }

    /** The session's sink: queues what the server sends, and wakes the caller when the session ends. */
    private static final class Inbox implements McpMessageSink {

        /** Queued once the session is closed; compared by identity. */
        static final String CLOSED = new String("closed");

        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public void send(String json) {
            messages.add(json);
        }

        @Override
        public void close() {
            messages.add(CLOSED);
        }

        /** @return the next message, {@link #CLOSED}, or {@code null} once the deadline (0: none) passed */
        String next(long deadline) throws InterruptedException {
            if (deadline == 0) {
                return messages.take();
            }
            return messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }
}
