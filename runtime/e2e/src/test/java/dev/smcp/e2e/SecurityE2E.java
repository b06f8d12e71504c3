package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;

/**
 * API keys, sessions bound to their key, Host and Origin checks and the fail-closed start, in the real runtime with
 * the MCP Java SDK client.
 */
class SecurityE2E {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static HttpRequest.Builder mcp(SmcpServer server, String sessionId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/mcp"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json");
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", "2025-06-18");
        }
        return request;
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String body) throws Exception {
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    @Test
    void apiKeysGuardEveryTransportAndASessionStaysWithItsKey() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(),
                Map.of("MCP_API_KEYS", "key-one-0123456789,key-two-0123456789"), "--require-auth")) {
            try (McpSyncClient streamable = McpClients.streamable(server, "Authorization", "Bearer key-one-0123456789");
                    McpSyncClient sse = McpClients.sse(server, "X-API-Key", "key-two-0123456789")) {
                assertFalse(streamable.callTool(new CallToolRequest("demo_math__calculate",
                        Map.of("operation", "add", "a", 1, "b", 2))).isError());
                assertFalse(sse.callTool(new CallToolRequest("demo_text__echo", Map.of("message", "hi"))).isError());
            }

            HttpResponse<String> noKey = send(mcp(server, null), INITIALIZE);
            assertEquals(401, noKey.statusCode(), noKey.body());
            assertEquals("Bearer realm=\"smcp\"", noKey.headers().firstValue("WWW-Authenticate").orElse(null));
            assertTrue(noKey.body().startsWith("{\"error\":\"unauthorized\""), noKey.body());
            assertEquals(401, send(mcp(server, null).header("Authorization", "Bearer key-three"), INITIALIZE)
                    .statusCode());
            HttpResponse<String> stream = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse"))
                    .timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
            assertEquals(401, stream.statusCode());

            HttpResponse<String> opened = send(mcp(server, null).header("X-API-Key", "key-one-0123456789"), INITIALIZE);
            assertEquals(200, opened.statusCode(), opened.body());
            String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(404, send(mcp(server, id).header("X-API-Key", "key-two-0123456789"), PING).statusCode(),
                    "another key's session does not exist for this key");
            assertEquals(200, send(mcp(server, id).header("X-API-Key", "key-one-0123456789"), PING).statusCode());

            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                    .build(), BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), "load balancers need no key");
            assertFalse(server.log().contains("key-one-0123456789"), server.log());
            assertFalse(server.log().contains("key-two-0123456789"), server.log());
        }
    }

    @Test
    void aDnsRebindingPageOrAForeignOriginCannotDriveTheServer() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of())) {
            String rebound = HostileInputE2E.raw(server, "POST /mcp HTTP/1.1\r\nHost: attacker.example:" + server.port
                    + "\r\nOrigin: http://attacker.example:" + server.port + "\r\nAccept: application/json, "
                    + "text/event-stream\r\nContent-Type: application/json\r\nContent-Length: " + INITIALIZE.length()
                    + "\r\nConnection: close\r\n\r\n" + INITIALIZE);
            assertTrue(rebound.startsWith("HTTP/1.1 403 "), rebound);
            assertTrue(rebound.contains("{\"error\":\"forbidden_host\""), rebound);

            HttpResponse<String> foreign = send(mcp(server, null).header("Origin", "https://evil.example"), INITIALIZE);
            assertEquals(403, foreign.statusCode());
            assertEquals("{\"error\":\"forbidden_origin\",\"message\":\"Origin not allowed: https://evil.example\"}",
                    foreign.body());
            HttpResponse<String> foreignSse = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/sse"))
                    .header("Origin", "https://evil.example").timeout(Duration.ofSeconds(30)).build(),
                    BodyHandlers.ofString());
            assertEquals(403, foreignSse.statusCode());

            assertEquals(200, send(mcp(server, null).header("Origin", "http://localhost:6274"), INITIALIZE)
                    .statusCode(), "a local page (MCP Inspector) is allowed");
            try (McpSyncClient client = McpClients.streamable(server, tools -> {
            })) {
                assertTrue(client.listTools().tools().size() > 10, "non-browser clients send no Origin");
            }
        }
    }

    @Test
    void listedOriginsAndHostsAreAccepted() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of("MCP_ALLOWED_ORIGINS",
                "https://app.example.com"), "--allowed-hosts", "mcp.example.com")) {
            assertEquals(200, send(mcp(server, null).header("Origin", "https://app.example.com"), INITIALIZE)
                    .statusCode());
            String named = HostileInputE2E.raw(server, "POST /mcp HTTP/1.1\r\nHost: mcp.example.com\r\nAccept: "
                    + "application/json, text/event-stream\r\nContent-Type: application/json\r\nContent-Length: "
                    + INITIALIZE.length() + "\r\nConnection: close\r\n\r\n" + INITIALIZE);
            assertTrue(named.startsWith("HTTP/1.1 200 "), named);
        }
    }

    @Test
    void theServerDoesNotListenBeyondLoopbackWithoutAKey() throws Exception {
        for (List<String> args : List.of(List.of("--allow-external"), List.of("--host", "0.0.0.0"))) {
            Process process = SmcpServer.launch(Map.of(), concat(args, "--port", "0"));
            String output = LauncherE2E.finish(process);
            assertEquals(2, process.exitValue(), output);
            assertTrue(output.contains("refusing to listen on 0.0.0.0 without an API key"), output);
        }
        Process requireAuth = SmcpServer.launch(Map.of(), List.of("--require-auth", "--port", "0"));
        String output = LauncherE2E.finish(requireAuth);
        assertEquals(2, requireAuth.exitValue(), output);
        assertTrue(output.contains("needs an API key"), output);
    }

    @Test
    void withAKeyAnExternalBindServesAndLoopbackStillNeedsNone() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of("MCP_API_KEY", "k-0123456789"),
                "--allow-external");
                McpSyncClient client = McpClients.streamable(server, tools -> {
                })) {
            assertTrue(client.listTools().tools().size() > 10);
        }
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of("MCP_AUTH_DISABLED", "1"),
                "--allow-external")) {
            assertTrue(server.log().contains("authentication is DISABLED"), server.log());
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
