package dev.smcp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;

/**
 * The legacy HTTP+SSE transport spoken by hand with the JDK HTTP client, no MCP SDK: its {@code ping} round trip
 * tells the server's transport cost apart from the SDK client's, and its stream reader notes the arrival time of
 * every {@code notifications/tools/list_changed} without a round trip of its own. Requests are sequential; the
 * notifications may be awaited from another thread.
 */
final class RawSseClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String LIST_CHANGED = "\"method\":\"notifications/tools/list_changed\"";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** {@link System#nanoTime()} of each list_changed notification as its line was read. */
    private final BlockingQueue<Long> listChanged = new LinkedBlockingQueue<>();
    private final InputStream stream;
    private final URI endpoint;
    private int lastId;

    RawSseClient(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/sse"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofInputStream());
        stream = response.body();
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        String path = null;
        for (String line; path == null && (line = in.readLine()) != null;) {
            if (line.startsWith("data: ")) {
                path = line.substring("data: ".length()); // the first event is the endpoint
            }
        }
        if (path == null) {
            throw new IOException("the SSE stream ended before the endpoint event");
        }
        endpoint = URI.create(baseUrl).resolve(path);
        Thread reader = new Thread(() -> readMessages(in), "smcp-benchmark-raw-sse");
        reader.setDaemon(true);
        reader.start();
        request("initialize", "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"smcp-benchmark-raw\",\"version\":\"1.0.0\"}}");
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** {@code ping}: POST, 202, then the reply on the stream. */
    String ping() throws IOException, InterruptedException {
        String reply = request("ping", null);
        return reply.contains("\"result\"") ? null : "unexpected reply: " + reply;
    }

    /** @return the tool names of a {@code tools/list} reply (the server lists every tool on one page) */
    Set<String> toolNames() throws IOException, InterruptedException {
        String reply = request("tools/list", null);
        Map<String, Object> message = McpJsonDefaults.getMapper().readValue(reply, new TypeRef<Map<String, Object>>() {
        });
        if (!(message.get("result") instanceof Map<?, ?> result) || !(result.get("tools") instanceof List<?> tools)) {
            throw new IOException("unexpected tools/list reply: " + reply);
        }
        Set<String> names = new HashSet<>();
        for (Object tool : tools) {
            if (tool instanceof Map<?, ?> t && t.get("name") instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }

    /** Forgets the list_changed notifications received so far. */
    void clearListChanged() {
        listChanged.clear();
    }

    /**
     * Waits for the next list_changed notification not yet taken or cleared.
     *
     * @param deadlineNanos when to give up ({@link System#nanoTime()})
     * @return its arrival ({@link System#nanoTime()}), empty when none came before the deadline
     */
    OptionalLong nextListChanged(long deadlineNanos) throws InterruptedException {
        Long arrived = listChanged.poll(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        return arrived == null ? OptionalLong.empty() : OptionalLong.of(arrived);
    }

    private String request(String method, String params) throws IOException, InterruptedException {
        int id = ++lastId;
        post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}");
        String idField = "\"id\":" + id + ",";
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String message = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new IOException("no reply to " + method + " within " + TIMEOUT.toSeconds() + " s");
            }
            if (message.contains(idField) || message.endsWith("\"id\":" + id + "}")) {
                return message;
            }
        }
    }

    private void post(String json) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 202) {
            throw new IOException("POST answered " + response.statusCode());
        }
    }

    private void readMessages(BufferedReader in) {
        try {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("data: ")) {
                    String message = line.substring("data: ".length());
                    if (message.contains(LIST_CHANGED)) {
                        listChanged.add(System.nanoTime());
                    } else {
                        messages.add(message);
                    }
                }
            }
        } catch (IOException e) {
            // stream closed
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
