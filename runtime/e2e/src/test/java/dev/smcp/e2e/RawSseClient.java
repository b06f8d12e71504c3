package dev.smcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
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
 * A hand-rolled legacy SSE client for wire-level assertions: opens {@code GET /sse}, collects events, posts raw
 * JSON-RPC text, and can drop the connection abruptly.
 */
final class RawSseClient implements AutoCloseable {

    /** One SSE event. */
    record Event(String name, String data) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final SmcpServer server;
    private final HttpResponse<java.io.InputStream> stream;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    final String endpoint;

    RawSseClient(SmcpServer server) throws Exception {
        this.server = server;
        stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "raw-sse-reader");
        reader.setDaemon(true);
        reader.start();
        Event first = next(30);
        if (first == null || !first.name().equals("endpoint")) {
            throw new AssertionError("expected the endpoint event first, got " + first);
        }
        endpoint = first.data();
    }

    /** @return the session id in the endpoint */
    String sessionId() {
        return endpoint.substring(endpoint.indexOf("session_id=") + "session_id=".length());
    }

    HttpResponse<java.io.InputStream> response() {
        return stream;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line; (line = in.readLine()) != null;) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                } else if (line.startsWith(":")) {
                    events.add(new Event("comment", line));
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** @return the next event that is not a comment, or {@code null} after the timeout */
    Event next(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || !event.name().equals("comment")) {
                return event;
            }
        }
    }

    /** @return the next comment line, or {@code null} after the timeout */
    Event nextComment(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.name().equals("comment")) {
                return event;
            }
        }
    }

    /** Posts a JSON text to the session endpoint; returns status and body. */
    HttpResponse<String> post(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + endpoint))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts and expects 202. */
    void send(String json) throws Exception {
        HttpResponse<String> response = post(json);
        if (response.statusCode() != 202) {
            throw new AssertionError("POST " + json + " -> " + response.statusCode() + " " + response.body());
        }
    }

    void initialize() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        Event init = next(30);
        if (init == null || !init.data().contains("\"id\":0")) {
            throw new AssertionError("no initialize response: " + init);
        }
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    @Override
    public void close() {
        try {
            stream.body().close();
        } catch (IOException e) {
            // already closed
        }
        reader.interrupt();
    }
}
