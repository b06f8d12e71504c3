package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Streamable HTTP wire contract on {@code /mcp}, checked with raw HTTP against the real runtime: session ids,
 * the status codes, the headers, batches, the GET stream and {@code Last-Event-ID}.
 */
class StreamableHttpE2E {

    private static final String BOTH = "application/json, text/event-stream";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static Path plugins;
    private static SmcpServer server;

    @BeforeAll
    static void start() throws Exception {
        plugins = Files.createTempDirectory("smcp-streamable");
        PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_math"), plugins.resolve("demo_math"));
        Path stepper = Files.createDirectories(plugins.resolve("stepper"));
        Files.writeString(stepper.resolve("cli.py"), String.join("\n",
                "import json, sys",
                "if sys.argv[1:] == ['--describe']:",
                "    print(json.dumps({'contract_version': '1.0', 'commands': [{'name': 'steps', 'parameters': []}]}))",
                "else:",
                "    for i in (1, 2):",
                "        print(json.dumps({'progress': i, 'total': 2}), file=sys.stderr, flush=True)",
                "    print(json.dumps({'done': True}))",
                ""));
        server = SmcpServer.start(plugins, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                assertEquals(0, server.stop(), () -> "exit code after SIGTERM; log:\n" + server.log());
            }
        } finally {
            PluginTrees.deleteTree(plugins);
        }
    }

    private static HttpRequest.Builder request(String sessionId, String version) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(60));
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId);
        }
        if (version != null) {
            builder.header("MCP-Protocol-Version", version);
        }
        return builder;
    }

    private static HttpResponse<String> post(String sessionId, String version, String accept, String body)
            throws Exception {
        return HTTP.send(request(sessionId, version).header("Accept", accept).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String sessionId, String version, String body) throws Exception {
        return post(sessionId, version, BOTH, body);
    }

    /** Initializes a session with this version and sends notifications/initialized; returns the session id. */
    private static String initialize(String version) throws Exception {
        HttpResponse<String> init = post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + version + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
        assertStatus(200, init);
        assertTrue(contentType(init).startsWith("application/json"), contentType(init));
        assertTrue(init.body().contains("\"protocolVersion\":\"" + version + "\""), init.body());
        assertTrue(init.body().contains("\"serverInfo\":{\"name\":\"smcp-osgi\""), init.body());
        String id = init.headers().firstValue("mcp-session-id").orElseThrow(() -> new AssertionError("no session id"));
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        HttpResponse<String> initialized = post(id, version, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertStatus(202, initialized);
        assertEquals("", initialized.body());
        return id;
    }

    private static void assertStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.statusCode() + " " + response.body());
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("content-type").orElse("");
    }

    @Test
    void sessionIdIsRequiredAndUnknownOrDeletedSessionsAre404() throws Exception {
        assertStatus(400, post(null, null, PING));
        assertStatus(404, post("0123456789abcdef0123456789abcdef", "2025-06-18", PING));
        String id = initialize("2025-06-18");
        assertStatus(200, post(id, "2025-06-18", PING));
        assertStatus(204, HTTP.send(request(id, "2025-06-18").DELETE().build(), HttpResponse.BodyHandlers.ofString()));
        assertStatus(404, post(id, "2025-06-18", PING));
        assertStatus(404, HTTP.send(request(id, "2025-06-18").header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertStatus(400, HTTP.send(request(null, null).DELETE().build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void requestsAreAnsweredAsJsonAndNotifications202() throws Exception {
        String id = initialize("2025-11-25");
        HttpResponse<String> call = post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"demo_math__calculate\",\"arguments\":{\"operation\":\"add\",\"a\":2,\"b\":3}}}");
        assertStatus(200, call);
        assertTrue(contentType(call).startsWith("application/json"), contentType(call));
        assertTrue(call.body().startsWith("{\"jsonrpc\":\"2.0\",\"id\":\"c1\",\"result\":{"), call.body());
        assertTrue(call.body().contains("\"isError\":false"), call.body());
        HttpResponse<String> unknown = post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"nope__nothing\"}}");
        assertStatus(200, unknown);
        assertTrue(unknown.body().contains("\"code\":-32602"), unknown.body());
        assertStatus(202, post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":99}}"));
        HttpResponse<String> garbage = post(id, "2025-11-25", "{oops");
        assertStatus(400, garbage);
        assertTrue(garbage.body().contains("-32700"), garbage.body());
    }

    @Test
    void aCallThatReportsProgressIsAnsweredAsAnEventStream() throws Exception {
        String id = initialize("2025-11-25");
        HttpResponse<String> call = post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"stepper__steps\",\"_meta\":{\"progressToken\":\"p7\"}}}");
        assertStatus(200, call);
        assertTrue(contentType(call).startsWith("text/event-stream"), contentType(call));
        List<String> data = call.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertEquals(3, data.size(), call.body());
        assertTrue(data.get(0).contains("\"method\":\"notifications/progress\"")
                && data.get(0).contains("\"progressToken\":\"p7\"") && data.get(0).contains("\"progress\":1.0"),
                data.get(0));
        assertTrue(data.get(1).contains("\"progress\":2.0"), data.get(1));
        assertTrue(data.get(2).contains("\"id\":7") && data.get(2).contains("\"structuredContent\":{\"done\":true}"), data.get(2));

        HttpResponse<String> plain = post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"stepper__steps\"}}");
        assertTrue(contentType(plain).startsWith("application/json"), "no token, no progress: " + contentType(plain));
    }

    @Test
    void acceptHeadersAreChecked() throws Exception {
        String id = initialize("2025-06-18");
        assertStatus(406, post(id, "2025-06-18", "application/json", PING));
        assertStatus(406, post(id, "2025-06-18", "text/event-stream", PING));
        assertStatus(406, HTTP.send(request(id, "2025-06-18").header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertStatus(415, HTTP.send(request(id, "2025-06-18").header("Accept", BOTH).header("Content-Type",
                "text/plain").POST(HttpRequest.BodyPublishers.ofString(PING)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void theProtocolVersionHeaderIsChecked() throws Exception {
        String id = initialize("2025-06-18");
        HttpResponse<String> unsupported = post(id, "1999-12-31", PING);
        assertStatus(400, unsupported);
        assertTrue(unsupported.body().contains("Unsupported protocol version"), unsupported.body());
        assertStatus(400, post(id, "2025-11-25", PING)); // supported, but not the negotiated one
        assertStatus(400, post(id, null, PING)); // absent: 2025-03-26 assumed, which is not the negotiated one
        String old = initialize("2025-03-26");
        assertStatus(200, post(old, null, PING)); // absent: 2025-03-26 assumed
    }

    @Test
    void batchesOnlyWhere20250326AllowsThem() throws Exception {
        String batch = "[" + PING + ",{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"demo_math__calculate\",\"arguments\":{\"operation\":\"multiply\",\"a\":6,\"b\":7}}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}]";
        String old = initialize("2025-03-26");
        HttpResponse<String> answered = post(old, "2025-03-26", batch);
        assertStatus(200, answered);
        assertTrue(answered.body().startsWith("[{") && answered.body().endsWith("}]"), answered.body());
        assertTrue(answered.body().contains("\"id\":1,\"result\":{}"), answered.body());
        assertTrue(answered.body().contains("\"result\":42.0"), answered.body());
        HttpResponse<String> withInitialize = post(old, "2025-03-26", "[{\"jsonrpc\":\"2.0\",\"id\":5,"
                + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\"}}]");
        assertStatus(400, withInitialize);
        assertTrue(withInitialize.body().contains("-32600"), withInitialize.body());

        String modern = initialize("2025-06-18");
        HttpResponse<String> refused = post(modern, "2025-06-18", batch);
        assertStatus(400, refused);
        assertTrue(refused.body().contains("-32600"), refused.body());
    }

    @Test
    void theGetStreamCarriesListChangedAndReplaysAfterLastEventId() throws Exception {
        String id = initialize("2025-06-18");
        try (EventStream first = EventStream.open(id, null)) {
            assertEquals(200, first.response.statusCode());
            assertTrue(contentType(first.response).startsWith("text/event-stream"), contentType(first.response));
            Path copy = PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_text"),
                    plugins.resolve("stream_text"));
            try {
                List<String> event = first.nextEvent();
                assertEquals(List.of("id: 1", "event: message",
                        "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"), event);
                // a second GET replaces the first; with Last-Event-ID 0 it replays event 1
                try (EventStream second = EventStream.open(id, "0")) {
                    assertEquals(200, second.response.statusCode());
                    assertEquals(event, second.nextEvent());
                    assertTrue(first.awaitEnd(), "the replaced stream ends");
                }
            } finally {
                PluginTrees.deleteTree(copy);
            }
        }
        assertStatus(204, HTTP.send(request(id, "2025-06-18").DELETE().build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A GET stream read line by line on its own thread. */
    private static final class EventStream implements AutoCloseable {
        private static final String END = "\u0000end";

        final HttpResponse<Stream<String>> response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(() -> {
                try (Stream<String> body = response.body()) {
                    body.forEach(lines::add);
                } catch (RuntimeException e) {
                    // closed
                }
                lines.add(END);
            }, "smcp-e2e-mcp-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open(String sessionId, String lastEventId) throws Exception {
            HttpRequest.Builder builder = request(sessionId, "2025-06-18").header("Accept", "text/event-stream");
            if (lastEventId != null) {
                builder.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HTTP.sendAsync(builder.GET().build(),
                    HttpResponse.BodyHandlers.ofLines()).get(60, TimeUnit.SECONDS);
            return new EventStream(response);
        }

        /** @return the lines of the next event that is not a comment */
        List<String> nextEvent() throws InterruptedException {
            List<String> event = new ArrayList<>();
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertNotNull(line, "no event within a minute");
                if (line == END) {
                    throw new AssertionError("the stream ended");
                }
                if (line.isEmpty()) {
                    if (!event.isEmpty()) {
                        return event;
                    }
                } else if (!line.startsWith(":")) {
                    event.add(line);
                }
            }
        }

        /** @return whether the server ended the stream within a minute */
        boolean awaitEnd() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (long left; (left = deadline - System.nanoTime()) > 0;) {
                String line = lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == END) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            reader.interrupt();
        }
    }
}
