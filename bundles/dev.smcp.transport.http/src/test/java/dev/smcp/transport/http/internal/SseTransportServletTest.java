package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.smcp.transport.http.internal.FakeSessionManager.FakeSession;

/** The transport over real HTTP, in embedded Jetty 12 (the Jetty inside Felix HTTP Jetty 12). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SseTransportServletTest {

    private static final Pattern ENDPOINT = Pattern
            .compile("event: endpoint\r\ndata: (/[^?]*)messages/\\?session_id=([0-9a-f]{32})\r\n\r\n");
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json";

    private final FakeSessionManager manager = new FakeSessionManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    private Server server;
    private SseTransportServlet servlet;
    private int port;

    /** An open SSE stream whose endpoint event has been read. */
    private record Stream(SseTestClient client, String sessionId, FakeSession session) {
    }

    private RequestGuard guard = new RequestGuard(AccessPolicy.defaults());

    private void start(TestConfig config) throws Exception {
        start(config, "/");
    }

    private void start(TestConfig config, String contextPath) throws Exception {
        servlet = new SseTransportServlet(manager, guard, config);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(contextPath);
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/sse");
        context.addServlet(holder, "/messages");
        context.addServlet(holder, "/messages/*");
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

    private Stream openStream() throws IOException {
        return openStream("/sse", "/", -1);
    }

    private Stream openStream(String path, String expectedPrefix, int receiveBuffer) throws IOException {
        SseTestClient client = new SseTestClient(port, path, receiveBuffer);
        assertEquals(200, client.status);
        String frame = client.nextFrame();
        Matcher endpoint = ENDPOINT.matcher(frame);
        assertTrue(endpoint.matches(), frame);
        assertEquals(expectedPrefix, endpoint.group(1));
        String id = endpoint.group(2);
        return new Stream(client, id, manager.byId(id));
    }

    private HttpResponse<String> send(String method, String path, String contentType, BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String contentType, String body)
            throws IOException, InterruptedException {
        return send("POST", path, contentType, BodyPublishers.ofString(body));
    }

    private HttpResponse<String> postMessage(String sessionId, String body) throws IOException, InterruptedException {
        return post("/messages/?session_id=" + sessionId, JSON, body);
    }

    private static void assertPlain(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body());
        // Jetty drops the space after ';', upstream keeps it: both mean the same media type
        assertEquals(TEXT.replace(" ", ""),
                response.headers().firstValue("Content-Type").map(type -> type.replace(" ", "")).orElse(null));
    }

    private static void awaitClosed(FakeSession session) throws InterruptedException {
        assertTrue(session.closed.await(20, TimeUnit.SECONDS), "session not closed");
    }

    @Test
    void streamStartsWithHeadersAndTheEndpointEvent() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        assertEquals("text/event-stream; charset=utf-8", stream.client.headers.get("content-type"));
        assertEquals("no-store", stream.client.headers.get("cache-control"));
        assertEquals("no", stream.client.headers.get("x-accel-buffering"));
        assertEquals("chunked", stream.client.headers.get("transfer-encoding"));
        assertEquals(SseTransportServlet.TRANSPORT, stream.session.transport);
        assertTrue(stream.session.isOpen());
        stream.client.close();
    }

    @Test
    void endpointCarriesTheContextPath() throws Exception {
        start(TestConfig.defaults(), "/ctx");
        Stream stream = openStream("/ctx/sse", "/ctx/", -1);
        assertPlain(202, "Accepted", post("/ctx/messages/?session_id=" + stream.sessionId, JSON,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        HttpResponse<String> redirect = post("/ctx/messages?session_id=abc", JSON, "{}");
        assertEquals(307, redirect.statusCode());
        assertEquals("/ctx/messages/?session_id=abc", redirect.headers().firstValue("Location").orElse(null));
        stream.client.close();
    }

    @Test
    void acceptedPostIsAnsweredOnTheStream() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        String request = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";
        assertPlain(202, "Accepted", postMessage(stream.sessionId, request));
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}\r\n\r\n",
                stream.client.nextEvent());
        assertEquals(request, stream.session.received.get(0));
        stream.client.close();
    }

    @Test
    void whatTheSessionSendsOnItsOwnArrivesOnTheStream() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        stream.session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"
                + "\r\n\r\n", stream.client.nextEvent());
        stream.client.close();
    }

    @Test
    void bodyIsDecodedAsUtf8() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        String request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":{\"t\":\"é✓😀\"}}";
        assertPlain(202, "Accepted", postMessage(stream.sessionId, request));
        assertEquals(request, stream.session.received.get(0));
        stream.client.close();
    }

    @Test
    void postChecksRunInUpstreamOrder() throws Exception {
        start(TestConfig.defaults().withMaxBodyBytes(1024));
        Stream stream = openStream();
        String id = stream.sessionId;
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String tooLarge = "x".repeat(2000);
        String unknown = "0123456789abcdef0123456789abcdef";

        // 1. the content type, before anything else
        assertPlain(400, "Invalid Content-Type header", post("/messages/?session_id=" + id, "text/plain", ping));
        assertPlain(400, "Invalid Content-Type header", post("/messages/", null, ping));
        assertPlain(400, "Invalid Content-Type header", post("/messages/?session_id=nonsense", "text/json", ping));
        assertPlain(400, "Invalid Content-Type header", send("GET", "/messages/", null, BodyPublishers.noBody()));
        assertPlain(400, "Invalid Content-Type header",
                send("GET", "/messages/?session_id=" + id, null, BodyPublishers.noBody()));
        // then the method
        HttpResponse<String> put = send("PUT", "/messages/?session_id=" + id, JSON, BodyPublishers.ofString(ping));
        assertPlain(405, "Method Not Allowed", put);
        assertEquals("POST", put.headers().firstValue("Allow").orElse(null));
        // 2. the session id is there
        assertPlain(400, "session_id is required", post("/messages/", JSON, tooLarge));
        assertPlain(400, "session_id is required", post("/messages/?sessionid=" + id, JSON, ping));
        // 3. and is a hex UUID
        assertPlain(400, "Invalid session ID", postMessage("nonsense", tooLarge));
        assertPlain(400, "Invalid session ID", postMessage("", ping));
        assertPlain(400, "Invalid session ID", postMessage(id + "0", ping));
        // 4. of an open session
        assertPlain(404, "Could not find session", postMessage(unknown, tooLarge));
        // 5. the body fits
        assertPlain(413, "Request body too large", postMessage(id, tooLarge));
        assertPlain(413, "Request body too large", send("POST", "/messages/?session_id=" + id, JSON,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge.getBytes()))));
        // 6. the session parses it
        assertPlain(400, "Could not parse message", postMessage(id, "not json"));
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                + "\"message\":\"Parse error\"}}\r\n\r\n", stream.client.nextEvent());
        // accepted: any case of the content type, the dashed id, a body of exactly the cap, chunked or not
        String dashed = (id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                + id.substring(16, 20) + "-" + id.substring(20)).toUpperCase();
        assertPlain(202, "Accepted", post("/messages/?session_id=" + dashed, "Application/JSON; charset=UTF-8", ping));
        String prefix = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/x\",\"params\":{\"p\":\"";
        String exact = prefix + "a".repeat(1024 - prefix.length() - 3) + "\"}}";
        assertEquals(1024, exact.length());
        assertPlain(202, "Accepted", postMessage(id, exact));
        assertPlain(202, "Accepted", send("POST", "/messages/?session_id=" + id, JSON,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(exact.getBytes()))));
        // a session that refuses the message is as good as gone
        stream.session.refuse = true;
        assertPlain(404, "Could not find session", postMessage(id, ping));
        stream.session.refuse = false;
        // a session closed by the engine is gone
        stream.session.close();
        assertPlain(404, "Could not find session", postMessage(id, ping));
        stream.client.close();
    }

    @Test
    void postToSseExplainsWhereMessagesGo() throws Exception {
        start(TestConfig.defaults());
        assertPlain(400, "POST requests to /sse should be sent to /messages/ instead. Use GET /sse to establish SSE "
                + "connection, then POST to /messages/ to send messages.",
                post("/sse", JSON, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"));
        assertPlain(400, "Empty POST request", post("/sse", JSON, ""));
        assertTrue(manager.sessions.isEmpty());
        assertPlain(405, "Method Not Allowed", send("DELETE", "/sse", null, BodyPublishers.noBody()));
    }

    @Test
    void messagesWithoutSlashRedirects() throws Exception {
        start(TestConfig.defaults());
        HttpResponse<String> redirect = post("/messages?session_id=abc&x=1", JSON, "{}");
        assertEquals(307, redirect.statusCode());
        assertEquals("/messages/?session_id=abc&x=1", redirect.headers().firstValue("Location").orElse(null));
        HttpResponse<String> bare = post("/messages", JSON, "{}");
        assertEquals(307, bare.statusCode());
        assertEquals("/messages/", bare.headers().firstValue("Location").orElse(null));
    }

    @Test
    void keepAlivePingsArrive() throws Exception {
        start(TestConfig.defaults().withKeepAliveSeconds(1));
        Stream stream = openStream();
        String frame = stream.client.nextFrame();
        assertNotNull(frame);
        assertTrue(frame.matches(": ping - \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\r\n\r\n"), frame);
        stream.client.close();
    }

    @Test
    void aQuietStreamIsProbedWhileARequestIsInFlight() throws Exception {
        start(TestConfig.defaults().withKeepAliveSeconds(3600));
        Stream stream = openStream();
        assertPlain(202, "Accepted", postMessage(stream.sessionId, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"slow\"}"));
        assertEquals(":\r\n\r\n", stream.client.nextFrame());
        stream.session.answerSlow(5);
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}\r\n\r\n",
                stream.client.nextEvent());
        stream.client.close();
    }

    @Test
    void clientLeavingWhileARequestIsInFlightClosesTheSession() throws Exception {
        // keep-alive far away: only the in-flight probes can notice the client is gone
        start(TestConfig.defaults().withKeepAliveSeconds(3600));
        Stream stream = openStream();
        assertPlain(202, "Accepted", postMessage(stream.sessionId, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slow\"}"));
        stream.client.close();
        awaitClosed(stream.session);
        assertPlain(404, "Could not find session", postMessage(stream.sessionId, "{}"));
        assertEquals(0, servlet.openStreams());
    }

    @Test
    void idleClientLeavingIsNoticedByTheKeepAlive() throws Exception {
        start(TestConfig.defaults().withKeepAliveSeconds(1));
        Stream stream = openStream();
        stream.client.close();
        awaitClosed(stream.session);
        assertPlain(404, "Could not find session", postMessage(stream.sessionId, "{}"));
    }

    @Test
    void clientThatStopsReadingIsDropped() throws Exception {
        start(TestConfig.defaults().withMaxQueuedBytes(512 * 1024));
        Stream stream = openStream("/sse", "/", 4096);
        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\""
                + "x".repeat(64 * 1024) + "\"}}";
        // the client reads nothing more; sending never blocks, and the stream is dropped once the queue is full
        for (int i = 0; i < 5000 && stream.session.isOpen(); i++) {
            stream.session.sink.send(big);
        }
        assertTrue(stream.session.isClosed(), "session still open");
        awaitClosed(stream.session);
        assertPlain(404, "Could not find session", postMessage(stream.sessionId, "{}"));
        assertEquals(0, servlet.openStreams());
        stream.client.close();
    }

    @Test
    void sessionsAreCapped() throws Exception {
        start(TestConfig.defaults().withMaxSessions(2));
        Stream first = openStream();
        Stream second = openStream();
        HttpResponse<String> third = send("GET", "/sse", null, BodyPublishers.noBody());
        assertPlain(503, "Too many sessions", third);
        assertEquals(2, manager.sessions.size());

        first.session.sink.close(); // the server ends the first session: its slot frees up
        assertTrue(first.client.awaitEnd());
        Stream again = openStream();
        assertTrue(again.session.isOpen());
        second.client.close();
        again.client.close();
    }

    @Test
    void serverClosingTheSinkEndsTheStreamAfterWhatIsQueued() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        stream.session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"last\"}");
        stream.session.sink.close();
        stream.session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"too late\"}");
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"last\"}\r\n\r\n",
                stream.client.nextEvent());
        assertTrue(stream.client.awaitEnd());
        awaitClosed(stream.session);
        stream.client.close();
    }

    @Test
    void deactivateEndsEveryStream() throws Exception {
        start(TestConfig.defaults());
        Stream first = openStream();
        Stream second = openStream();
        servlet.deactivate();
        assertTrue(first.client.awaitEnd());
        assertTrue(second.client.awaitEnd());
        awaitClosed(first.session);
        awaitClosed(second.session);
        assertFalse(first.session.isOpen());
        assertPlain(503, "MCP server not initialized", send("GET", "/sse", null, BodyPublishers.noBody()));
        first.client.close();
        second.client.close();
    }

    @Test
    void aSessionIsBoundToTheKeyThatOpenedItAndABadOriginIsForbidden() throws Exception {
        guard = new RequestGuard(new AccessPolicy(new String[] { "key-one", "key-two" }, false, false,
                new String[0], new String[0]));
        start(TestConfig.defaults());
        SseTestClient refused = new SseTestClient(port, "/sse", -1, "");
        assertEquals(401, refused.status);
        refused.close();
        SseTestClient client = new SseTestClient(port, "/sse", -1, "Authorization: Bearer key-one\r\n");
        assertEquals(200, client.status);
        Matcher endpoint = ENDPOINT.matcher(client.nextFrame());
        assertTrue(endpoint.matches());
        String path = "/messages/?session_id=" + endpoint.group(2);
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", JSON).POST(BodyPublishers.ofString(ping));
        assertPlain(404, "Could not find session", http.send(request.copy().header("X-API-Key", "key-two").build(),
                BodyHandlers.ofString()));
        assertEquals(401, http.send(request.copy().build(), BodyHandlers.ofString()).statusCode());
        assertPlain(202, "Accepted", http.send(request.copy().header("X-API-Key", "key-one").build(),
                BodyHandlers.ofString()));
        HttpResponse<String> origin = http.send(request.copy().header("X-API-Key", "key-one")
                .header("Origin", "https://evil.example").build(), BodyHandlers.ofString());
        assertEquals(403, origin.statusCode());
        assertTrue(origin.body().contains("forbidden_origin"), origin.body());
        client.close();
    }

    @Test
    void invalidUtf8CannotBeParsed() throws Exception {
        start(TestConfig.defaults());
        Stream stream = openStream();
        byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}' };
        assertPlain(400, "Could not parse message", send("POST", "/messages/?session_id=" + stream.sessionId(), JSON,
                BodyPublishers.ofByteArray(body)));
        stream.client().close();
    }

}
