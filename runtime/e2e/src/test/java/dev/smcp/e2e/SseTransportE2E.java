package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy HTTP+SSE wire contract (upstream's status table), and what happens to running plugin processes when a
 * client cancels or disconnects, checked with raw HTTP against the real runtime.
 */
class SseTransportE2E {

    private static SmcpServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = SmcpServer.start(SmcpServer.labPlugins(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            assertEquals(0, server.stop(), () -> "exit code after SIGTERM; log:\n" + server.log());
        }
    }

    @Test
    void getSseSendsTheEndpointEventWithSessionIdAndStreamHeaders() throws Exception {
        try (RawSseClient sse = new RawSseClient(server)) {
            assertTrue(sse.endpoint.matches("/messages/\\?session_id=[0-9a-f]{32}"), sse.endpoint);
            HttpResponse<?> response = sse.response();
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
            assertEquals("no", response.headers().firstValue("x-accel-buffering").orElse(""));
        }
    }

    @Test
    void postStatusTableMatchesUpstream() throws Exception {
        String url = server.baseUrl();
        assertResponse(400, "Invalid Content-Type header", post(url + "/messages/?session_id=abc", "text/plain", "{}"));
        assertResponse(400, "session_id is required", post(url + "/messages/", "application/json", "{}"));
        assertResponse(400, "Invalid session ID", post(url + "/messages/?session_id=xyz", "application/json", "{}"));
        assertResponse(404, "Could not find session",
                post(url + "/messages/?session_id=0123456789abcdef0123456789abcdef", "application/json", "{}"));
        assertResponse(400, "Empty POST request", post(url + "/sse", "application/json", ""));
        assertTrue(post(url + "/sse", "application/json", "{}").body().contains("/messages/"));
        HttpResponse<String> redirect = post(url + "/messages?session_id=x", "application/json", "{}");
        assertEquals(307, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("location").orElse("").contains("/messages/?session_id=x"));
        assertEquals(404, RawSseClient.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void malformedMessagesGet400AndAJsonRpcErrorOnTheStream() throws Exception {
        try (RawSseClient sse = new RawSseClient(server)) {
            HttpResponse<String> response = sse.post("{not json");
            assertResponse(400, "Could not parse message", response);
            RawSseClient.Event error = sse.next(30);
            assertNotNull(error);
            assertTrue(error.data().contains("-32700"), error.data());
        }
    }

    @Test
    void requestsAreAnswered202ThenOnTheStream() throws Exception {
        try (RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":\"p-1\",\"method\":\"ping\"}");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"p-1\",\"result\":{}}", sse.next(30).data());
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"prompts/list\"}");
            String unknown = sse.next(30).data();
            assertTrue(unknown.contains("\"id\":7") && unknown.contains("-32601"), unknown);
        }
    }

    @Test
    void cancelledCallKillsThePluginAndItsChildrenAndSendsNoResponse() throws Exception {
        Path pidFile = temp.resolve("pids");
        try (RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send(sleepCall(11, pidFile));
            List<Long> pids = LabProcesses.awaitPids(pidFile);
            sse.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":11}}");
            LabProcesses.assertGone(pids);
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"ping\"}");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":12,\"result\":{}}", sse.next(30).data(),
                    "the cancelled request must not be answered");
        }
    }

    @Test
    void disconnectingClientEndsItsSessionAndKillsItsPlugins() throws Exception {
        Path pidFile = temp.resolve("pids");
        String endpoint;
        List<Long> pids;
        try (RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send(sleepCall(21, pidFile));
            pids = LabProcesses.awaitPids(pidFile);
            endpoint = sse.endpoint;
        }
        LabProcesses.assertGone(pids);
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status = 0;
        while (System.nanoTime() < deadline && (status = post(server.baseUrl() + endpoint, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode()) != 404) {
            Thread.sleep(100);
        }
        assertEquals(404, status, "the session must be gone after the client disconnected");
    }

    @Test
    void pluginFailureWithOnlyStderrReportsTheStderrTail() throws Exception {
        try (RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__fail_stderr\"}}");
            String response = sse.next(60).data();
            assertTrue(response.contains("\"isError\":true"), response);
            assertTrue(response.contains("something broke on stderr"), response);
            assertTrue(response.contains("plugin_error"), response);
        }
    }

    @Test
    void keepAliveCommentsAreNotRequiredToReadEvents() throws Exception {
        try (RawSseClient sse = new RawSseClient(server)) {
            assertNull(sse.next(1), "nothing but the endpoint event is sent unprompted");
        }
    }

    private static String sleepCall(int id, Path pidFile) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"lab__sleep\","
                + "\"arguments\":{\"seconds\":300,\"pid_file\":\"" + pidFile + "\"}}}";
    }

    static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return RawSseClient.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertResponse(int status, String body, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(body, response.body().trim());
    }
}
