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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The legacy HTTP+SSE transport spoken by hand with the JDK HTTP client, no MCP SDK: its {@code ping} round trip
 * tells the server's transport cost apart from the SDK client's. Sequential use only.
 */
final class RawSseClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
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
                    messages.add(line.substring("data: ".length()));
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
