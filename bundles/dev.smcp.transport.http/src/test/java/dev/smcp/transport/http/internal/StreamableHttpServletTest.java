package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Streamable HTTP transport over real HTTP, in embedded Jetty 12. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamableHttpServletTest {

    private static final String BOTH = "application/json, text/event-stream";

    private final StreamableTestSessions manager = new StreamableTestSessions();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Server server;
    private StreamableHttpServlet servlet;
    private int port;

    private RequestGuard guard = new RequestGuard(AccessPolicy.defaults());

    private void start(StreamableTestConfig config) throws Exception {
        servlet = new StreamableHttpServlet(manager, guard, config);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/mcp");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        if (servlet != null) {
            servlet.deactivate();
        }
        if (server != null) {
            server.stop();
        }
    }

    private HttpRequest.Builder request(String sessionId, String version) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/mcp"))
                .timeout(Duration.ofSeconds(30));
        if (sessionId != null) {
            builder.header("Mcp-Session-Id", sessionId);
        }
        if (version != null) {
            builder.header("MCP-Protocol-Version", version);
        }
        return builder;
    }

    private HttpResponse<String> post(String sessionId, String version, String accept, String body) throws Exception {
        return http.send(request(sessionId, version).header("Accept", accept).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String sessionId, String version, String body) throws Exception {
        return post(sessionId, version, BOTH, body);
    }

    private String initialize(String version) throws Exception {
        HttpResponse<String> response = post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"" + version + "\"}}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(response.body().contains("\"protocolVersion\":\"" + version + "\""), response.body());
        String id = response.headers().firstValue("mcp-session-id").orElseThrow();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        return id;
    }

    private static void assertStatus(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
    }

    @Test
    void initializeIssuesASessionIdAndRequestsNeedIt() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        assertStatus(400, post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        assertTrue(post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").body()
                .contains("Mcp-Session-Id header is required"));
        assertStatus(404, post("0123456789abcdef0123456789abcdef", "2025-06-18",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        assertStatus(404, post("not-a-session", "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        HttpResponse<String> ping = post(id, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertStatus(200, ping);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", ping.body());
        assertEquals(1, servlet.openSessions());
    }

    @Test
    void deleteEndsTheSessionAndLaterRequestsGet404() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-11-25");
        HttpResponse<String> delete = http.send(request(id, "2025-11-25").DELETE().build(), BodyHandlers.ofString());
        assertStatus(204, delete);
        assertFalse(manager.byId(id).isOpen(), "the MCP session is closed");
        assertStatus(404, post(id, "2025-11-25", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        assertStatus(404, http.send(request(id, "2025-11-25").DELETE().build(), BodyHandlers.ofString()));
        assertStatus(400, http.send(request(null, null).DELETE().build(), BodyHandlers.ofString()));
        assertEquals(0, servlet.openSessions());
    }

    @Test
    void notificationsAndResponsesGet202WithoutBody() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        HttpResponse<String> notification = post(id, "2025-06-18",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertStatus(202, notification);
        assertEquals("", notification.body());
        assertStatus(202, post(id, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}"));
    }

    @Test
    void acceptContentTypeAndJsonAreChecked() throws Exception {
        start(StreamableTestConfig.defaults().withMaxBodyBytes(100));
        String id = initialize("2025-06-18");
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertStatus(406, post(id, "2025-06-18", "application/json", ping));
        assertStatus(406, post(id, "2025-06-18", "text/event-stream", ping));
        assertStatus(406, post(null, null, "application/json", ping));
        assertStatus(200, post(id, "2025-06-18", "*/*", ping));
        assertStatus(415, http.send(request(id, "2025-06-18").header("Accept", BOTH).header("Content-Type",
                "text/plain").POST(HttpRequest.BodyPublishers.ofString(ping)).build(), BodyHandlers.ofString()));
        HttpResponse<String> garbage = post(id, "2025-06-18", "{not json");
        assertStatus(400, garbage);
        assertTrue(garbage.body().contains("-32700"), garbage.body());
        assertStatus(413, post(id, "2025-06-18", "[" + ping.repeat(10).replace("}{", "},{") + "]"));
        assertStatus(405, http.send(request(id, "2025-06-18").PUT(HttpRequest.BodyPublishers.noBody()).build(),
                BodyHandlers.ofString()));
    }

    @Test
    void theProtocolVersionHeaderMustMatchTheNegotiatedVersion() throws Exception {
        start(StreamableTestConfig.defaults());
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String modern = initialize("2025-06-18");
        assertStatus(400, post(modern, null, ping)); // absent means 2025-03-26
        assertStatus(400, post(modern, "2025-03-26", ping));
        HttpResponse<String> unsupported = post(modern, "1999-01-01", ping);
        assertStatus(400, unsupported);
        assertTrue(unsupported.body().contains("Unsupported protocol version"), unsupported.body());
        assertStatus(200, post(modern, "2025-06-18", ping));

        String old = initialize("2025-03-26");
        assertStatus(200, post(old, null, ping));
        assertStatus(400, post(old, "2025-06-18", ping));
        String oldest = initialize("2024-11-05");
        assertStatus(200, post(oldest, null, ping));
    }

    @Test
    void batchesOnlyFor20250326AndNeverWithInitialize() throws Exception {
        start(StreamableTestConfig.defaults());
        String batch = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":2,"
                + "\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]";
        String modern = initialize("2025-06-18");
        HttpResponse<String> refused = post(modern, "2025-06-18", batch);
        assertStatus(400, refused);
        assertTrue(refused.body().contains("-32600"), refused.body());
        assertFalse(manager.byId(modern).received.contains(batch), "a refused batch never reaches the session");

        String old = initialize("2025-03-26");
        HttpResponse<String> answered = post(old, "2025-03-26", batch);
        assertStatus(200, answered);
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}]",
                answered.body());
        HttpResponse<String> withInitialize = post(old, "2025-03-26",
                "[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":{}}]");
        assertStatus(400, withInitialize);
        assertTrue(withInitialize.body().contains("-32600"), withInitialize.body());
        assertStatus(400, post(old, "2025-03-26", "[]"));
        assertStatus(202, post(old, "2025-03-26", "[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\"}]"));
        // an initialize in a batch without a session does not open one
        assertStatus(400, post(null, null, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-03-26\"}}]"));
    }

    @Test
    void aNotificationBeforeTheResponseTurnsTheAnswerIntoAStream() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        HttpResponse<String> answer = post(id, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"chatty\"}");
        assertStatus(200, answer);
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> events = events(answer.body());
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"), events);
    }

    @Test
    void aLaterResponseIsAnsweredAsJson() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request(id, "2025-06-18").header("Accept", BOTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"slow\"}")).build(), BodyHandlers.ofString());
        StreamableTestSessions.Session session = manager.byId(id);
        awaitWaiting(session, 1);
        assertFalse(call.isDone());
        session.answerSlow(9);
        HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
        assertStatus(200, answer);
        assertTrue(answer.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"slow\":true}}", answer.body());
    }

    @Test
    void aCancelledRequestIsNotWaitedFor() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request(id, "2025-06-18").header("Accept", BOTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"slow\"}")).build(), BodyHandlers.ofString());
        awaitWaiting(manager.byId(id), 1);
        assertStatus(202, post(id, "2025-06-18", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"c\"}}"));
        HttpResponse<String> answer = call.get(30, TimeUnit.SECONDS);
        assertStatus(202, answer);
        assertEquals("", answer.body());
    }

    @Test
    void aPostStillWaitingWhenTheSessionIsDeletedGets404() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(request(id, "2025-06-18").header("Accept", BOTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slow\"}")).build(), BodyHandlers.ofString());
        awaitWaiting(manager.byId(id), 1);
        assertStatus(204, http.send(request(id, "2025-06-18").DELETE().build(), BodyHandlers.ofString()));
        assertStatus(404, call.get(30, TimeUnit.SECONDS));
    }

    @Test
    void theGetStreamCarriesSessionMessagesWithEventIds() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        StreamableTestSessions.Session session = manager.byId(id);
        session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"early\"}"); // before any stream: kept for the first
        try (SseTestClient stream = get(id, "")) {
            assertEquals(200, stream.status);
            assertTrue(stream.headers.get("content-type").startsWith("text/event-stream"));
            assertEquals("id: 1\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"early\"}\r\n\r\n",
                    stream.nextEvent());
            session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
            assertEquals("id: 2\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
                    + "\"notifications/tools/list_changed\"}\r\n\r\n", stream.nextEvent());
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysWhatCameAfterAndReplacesTheOldStream() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        StreamableTestSessions.Session session = manager.byId(id);
        try (SseTestClient first = get(id, "")) {
            for (int i = 1; i <= 3; i++) {
                session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"m" + i + "\"}");
            }
            assertTrue(first.nextEvent().startsWith("id: 1\r\n"));
            try (SseTestClient second = get(id, "Last-Event-ID: 1\r\n")) {
                assertTrue(first.awaitEnd(), "the replaced stream ends");
                assertTrue(second.nextEvent().contains("\"m2\""));
                assertTrue(second.nextEvent().contains("\"m3\""));
                session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"m4\"}");
                assertTrue(second.nextEvent().startsWith("id: 4\r\n"));
            }
        }
        assertEquals(400, get(null, "").status);
        assertEquals(404, get("0123456789abcdef0123456789abcdef", "").status);
    }

    @Test
    void stoppingTheTransportClosesItsSessions() throws Exception {
        start(StreamableTestConfig.defaults());
        String id = initialize("2025-06-18");
        try (SseTestClient stream = get(id, "")) {
            servlet.deactivate();
            servlet = null;
            assertTrue(stream.awaitEnd());
        }
        assertFalse(manager.byId(id).isOpen());
    }

    @Test
    void sessionsBeyondTheCapAreRefused() throws Exception {
        start(StreamableTestConfig.defaults().withMaxSessions(1));
        initialize("2025-06-18");
        HttpResponse<String> refused = post(null, null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\"}}");
        assertStatus(503, refused);
        assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
    }

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
            + "\"params\":{\"protocolVersion\":\"2025-06-18\"}}";

    private HttpResponse<String> postWith(String sessionId, String header, String value, String body) throws Exception {
        return http.send(request(sessionId, sessionId == null ? null : "2025-06-18").header("Accept", BOTH)
                .header("Content-Type", "application/json").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    @Test
    void withRequireAuthEveryRequestNeedsAKeyAndASessionIsBoundToItsKey() throws Exception {
        guard = new RequestGuard(new AccessPolicy(new String[] { "key-one", "key-two" }, false, false,
                new String[0], new String[0]));
        start(StreamableTestConfig.defaults());
        HttpResponse<String> refused = post(null, null, INITIALIZE);
        assertStatus(401, refused);
        assertEquals("Bearer realm=\"smcp\"", refused.headers().firstValue("WWW-Authenticate").orElse(null));
        assertTrue(refused.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertTrue(refused.body().startsWith("{\"error\":\"unauthorized\",\"message\":"), refused.body());
        assertStatus(401, postWith(null, "Authorization", "Bearer wrong", INITIALIZE));
        assertEquals(0, servlet.openSessions());

        HttpResponse<String> opened = postWith(null, "Authorization", "Bearer key-one", INITIALIZE);
        assertStatus(200, opened);
        String id = opened.headers().firstValue("mcp-session-id").orElseThrow();
        assertStatus(200, postWith(id, "X-API-Key", "key-one", PING));
        // another valid key cannot use the session: to it, the session does not exist
        assertStatus(404, postWith(id, "X-API-Key", "key-two", PING));
        assertStatus(404, http.send(request(id, "2025-06-18").header("Authorization", "Bearer key-two").DELETE()
                .build(), BodyHandlers.ofString()));
        assertStatus(401, post(id, "2025-06-18", PING));
        assertStatus(200, postWith(id, "Authorization", "Bearer key-one", PING));
    }

    @Test
    void badOriginOrHostIsForbiddenBeforeAnythingElse() throws Exception {
        start(StreamableTestConfig.defaults());
        HttpResponse<String> origin = postWith(null, "Origin", "http://evil.example", INITIALIZE);
        assertStatus(403, origin);
        assertEquals("{\"error\":\"forbidden_origin\",\"message\":\"Origin not allowed: http://evil.example\"}",
                origin.body());
        assertStatus(200, postWith(null, "Origin", "http://localhost:6274", INITIALIZE));

        String host = RawHttp.exchange(port, "POST /mcp HTTP/1.1\r\nHost: rebound.example:" + port
                + "\r\nAccept: " + BOTH + "\r\nContent-Type: application/json\r\nContent-Length: "
                + INITIALIZE.length() + "\r\nConnection: close\r\n\r\n" + INITIALIZE);
        assertTrue(host.startsWith("HTTP/1.1 403 "), host);
        assertTrue(host.contains("{\"error\":\"forbidden_host\""), host);
        assertEquals(1, servlet.openSessions(), "only the loopback page's initialize opened a session");
    }

    @Test
    void anIdleSessionExpires() throws Exception {
        start(StreamableTestConfig.defaults().withSessionIdleSeconds(1));
        String id = initialize("2025-06-18");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (servlet.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, servlet.openSessions(), "expired");
        assertFalse(manager.byId(id).isOpen(), "the MCP session is closed");
        assertStatus(404, post(id, "2025-06-18", PING));
    }

    @Test
    void aSessionWithAnOpenStreamDoesNotExpire() throws Exception {
        start(StreamableTestConfig.defaults().withSessionIdleSeconds(1));
        String id = initialize("2025-06-18");
        try (SseTestClient stream = get(id, "")) {
            Thread.sleep(2500);
            assertEquals(1, servlet.openSessions());
            assertStatus(200, post(id, "2025-06-18", PING));
        }
    }

    @Test
    void invalidUtf8IsAParseError() throws Exception {
        start(StreamableTestConfig.defaults());
        byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        HttpResponse<String> response = http.send(request(null, null).header("Accept", BOTH)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), BodyHandlers.ofString());
        assertStatus(400, response);
        assertTrue(response.body().contains("\"code\":-32700"), response.body());
    }

    @Test
    void aBodyThatComesTooSlowlyGets408() throws Exception {
        start(new StreamableTestConfig(3600, 1 << 20, 1 << 20, 10, 1 << 20, 1, 1800));
        byte[][] pieces = new byte[INITIALIZE.length()][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = new byte[] { (byte) INITIALIZE.charAt(i) };
        }
        String answer = RawHttp.exchange(port, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + BOTH
                + "\r\nContent-Type: application/json\r\nContent-Length: " + INITIALIZE.length() + "\r\n\r\n",
                pieces, 200);
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("Request body too slow"), answer);
        assertEquals(0, servlet.openSessions());
    }

    private SseTestClient get(String sessionId, String headers) throws Exception {
        String all = (sessionId == null ? "" : "Mcp-Session-Id: " + sessionId + "\r\n")
                + "MCP-Protocol-Version: 2025-06-18\r\n" + headers;
        return new SseTestClient(port, "/mcp", -1, all);
    }

    private static void awaitWaiting(StreamableTestSessions.Session session, int count) throws InterruptedException {
        while (session.waiting.size() < count) {
            Thread.sleep(10);
        }
    }

    /** @return the data of each event in an SSE body */
    private static List<String> events(String body) {
        List<String> events = new ArrayList<>();
        for (String frame : body.split("\r\n\r\n")) {
            for (String line : frame.split("\r\n")) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        }
        assertNotNull(body);
        return events;
    }
}
