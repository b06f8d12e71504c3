package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.smcp.api.session.McpMessageSink;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POST to the Streamable HTTP endpoint and its answer: the sink for what the session sends about the POST's
 * requests. It knows which responses to wait for (one per request id in the body).
 * <ul>
 * <li>While only responses arrive they are collected; once every request is answered they go back as one
 * {@code application/json} body (an array for a batch).</li>
 * <li>When a notification or request comes before the last response (progress, for example), the answer becomes a
 * {@code text/event-stream}: what was collected, then everything else as it comes; the stream ends after the last
 * response.</li>
 * <li>A request cancelled by the client ({@code notifications/cancelled}) is not waited for; when no response is
 * left to send the answer is {@code 202} without a body.</li>
 * <li>When the session ends meanwhile, a stream just ends, and a POST still waiting for its JSON answer gets
 * {@code 404}.</li>
 * </ul>
 * A client that goes away is not a cancellation: its calls run on, and their responses are dropped.
 */
final class PostExchange implements McpMessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(PostExchange.class);

    private enum Mode {
        /** Responses are collected for one JSON answer. */
        COLLECTING,
        /** The answer is an SSE stream. */
        STREAMING
    }

    private final boolean batch;
    private final long maxQueuedBytes;
    private final Consumer<PostExchange> onDone;
    private final Object lock = new Object();

    // guarded by lock
    private final Map<String, Integer> awaited;
    private int remaining;
    private final List<String> collected = new ArrayList<>();
    private Mode mode = Mode.COLLECTING;
    private SseStream stream;
    private boolean sessionEnded;
    private boolean malformed;
    private HttpServletResponse response;
    private AsyncContext async;
    private boolean finished;

    /**
     * @param body the POST body
     * @param maxQueuedBytes the cap of the answer's SSE stream queue
     * @param onDone told once the answer is sent, dropped or abandoned
     */
    PostExchange(JsonMessages.PostBody body, long maxQueuedBytes, Consumer<PostExchange> onDone) {
        this.batch = body.batch();
        this.maxQueuedBytes = maxQueuedBytes;
        this.onDone = onDone;
        this.awaited = new HashMap<>(body.requests());
        this.remaining = awaited.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public void send(String json) {
        String responseId = JsonMessages.responseId(json);
        synchronized (lock) {
            if (finished) {
                LOG.debug("Dropping a message for a POST already answered");
                return;
            }
            if (responseId != null) {
                settleLocked(responseId);
            }
            if (mode == Mode.COLLECTING && responseId == null) {
                startStreamingLocked();
            }
            if (mode == Mode.STREAMING) {
                stream.send(SseFrames.message(json));
            } else {
                collected.add(json);
            }
            finishIfAnsweredLocked();
        }
    }

    /** The server ended the session: nothing more will come. */
    @Override
    public void close() {
        sessionEnded();
    }

    /**
     * The client cancelled a request of this POST (or of another one): it gets no response.
     *
     * @param requestId the JSON text of the request id
     */
    void cancelled(String requestId) {
        synchronized (lock) {
            if (!finished && settleLocked(requestId)) {
                finishIfAnsweredLocked();
            }
        }
    }

    /** The session ended: responses still owed will never come. */
    void sessionEnded() {
        synchronized (lock) {
            if (finished) {
                return;
            }
            sessionEnded = true;
            finishIfAnsweredLocked();
        }
    }

    /** The session refused the body: no answer will be sent through this exchange. */
    void abandon() {
        synchronized (lock) {
            finished = true;
        }
        onDone.accept(this);
    }

    /**
     * Answers the POST once the session has taken its body: at once when everything is answered by now, else
     * asynchronously.
     *
     * @param req the request
     * @param resp its response
     * @param malformedBody whether the session found no well-formed message in the body (answered with 400)
     * @throws IOException if writing the answer fails
     */
    void respond(HttpServletRequest req, HttpServletResponse resp, boolean malformedBody) throws IOException {
        List<String> answer = null;
        boolean ended;
        synchronized (lock) {
            malformed = malformedBody;
            response = resp;
            ended = sessionEnded;
            if (finished) {
                return;
            }
            if (mode == Mode.COLLECTING && answeredLocked()) {
                finished = true;
                answer = List.copyOf(collected);
            } else {
                async = req.startAsync();
                async.setTimeout(0);
                if (mode == Mode.STREAMING) {
                    beginStreamLocked();
                }
                finishIfAnsweredLocked();
            }
        }
        if (answer != null) {
            try {
                writeNow(resp, answer, ended);
            } finally {
                onDone.accept(this);
            }
        }
    }

    /** Writes a keep-alive ping on a quiet SSE answer. */
    void tick(long now, long keepAliveNanos) {
        SseStream s;
        synchronized (lock) {
            s = mode == Mode.STREAMING && async != null ? stream : null;
        }
        if (s != null) {
            s.tick(now, keepAliveNanos, false);
        }
    }

    /** @return whether the answer is an SSE stream */
    boolean isStreaming() {
        synchronized (lock) {
            return mode == Mode.STREAMING;
        }
    }

    /** @return whether a response with this id was awaited (and is no more) */
    private boolean settleLocked(String requestId) {
        Integer count = awaited.get(requestId);
        if (count == null) {
            return false;
        }
        if (count == 1) {
            awaited.remove(requestId);
        } else {
            awaited.put(requestId, count - 1);
        }
        remaining--;
        return true;
    }

    private boolean answeredLocked() {
        return remaining == 0 || sessionEnded;
    }

    private void startStreamingLocked() {
        mode = Mode.STREAMING;
        stream = new SseStream(maxQueuedBytes, this::streamEnded);
        for (String json : collected) {
            stream.send(SseFrames.message(json));
        }
        collected.clear();
        if (async != null) {
            beginStreamLocked();
        }
    }

    private void beginStreamLocked() {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(McpHeaders.EVENT_STREAM + "; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            stream.start(async, List.of());
        } catch (IOException | RuntimeException e) {
            stream.terminate("starting the stream failed", e);
        }
    }

    /** Once everything is answered and the POST went asynchronous: ends the stream, or sends the JSON answer. */
    private void finishIfAnsweredLocked() {
        if (finished || !answeredLocked() || async == null) {
            return;
        }
        finished = true;
        if (mode == Mode.STREAMING) {
            stream.close();
            return;
        }
        int status;
        byte[] body;
        if (collected.isEmpty()) {
            status = sessionEnded ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_ACCEPTED;
            body = sessionEnded ? bytes(JsonMessages.error(JsonMessages.TRANSPORT_ERROR, "Session terminated"))
                    : null;
        } else {
            status = malformed ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK;
            body = bytes(jsonAnswer(collected));
        }
        response.setStatus(status);
        SseStream json = new SseStream(Long.MAX_VALUE, (reason, cause) -> onDone.accept(this));
        try {
            if (body == null) {
                response.setContentLength(0);
                json.start(async, List.of());
            } else {
                response.setContentType(McpHeaders.JSON);
                response.setContentLength(body.length);
                json.start(async, List.of(body));
            }
            json.close();
        } catch (IOException | RuntimeException e) {
            json.terminate("writing the answer failed", e);
        }
    }

    private void streamEnded(String reason, Throwable cause) {
        boolean owed;
        synchronized (lock) {
            owed = !answeredLocked();
            finished = true;
        }
        if (owed) {
            LOG.debug("A POST's SSE stream ended before its last response ({}): the rest is dropped", reason);
        }
        onDone.accept(this);
    }

    private void writeNow(HttpServletResponse resp, List<String> answer, boolean ended) throws IOException {
        if (answer.isEmpty()) {
            if (ended) {
                send(resp, HttpServletResponse.SC_NOT_FOUND,
                        JsonMessages.error(JsonMessages.TRANSPORT_ERROR, "Session terminated"));
            } else {
                resp.setStatus(HttpServletResponse.SC_ACCEPTED);
                resp.setContentLength(0);
            }
            return;
        }
        send(resp, malformed ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_OK, jsonAnswer(answer));
    }

    private String jsonAnswer(List<String> answer) {
        return batch || answer.size() > 1 ? "[" + String.join(",", answer) + "]" : answer.get(0);
    }

    /** Writes a JSON body on the request's thread. */
    static void send(HttpServletResponse resp, int status, String json) throws IOException {
        byte[] body = bytes(json);
        resp.setStatus(status);
        resp.setContentType(McpHeaders.JSON);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
