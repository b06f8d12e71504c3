package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * Hostile input on both HTTP transports of one running server: each case gets its exact status and error, and after
 * each the server still serves an MCP Java SDK client and reports healthy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputE2E {

    private static final int MAX_BODY = 64 * 1024;
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SmcpServer server;
    private RawSseClient sse;

    @BeforeAll
    void start() throws Exception {
        server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of(), "--max-body-bytes", Integer.toString(MAX_BODY),
                "--body-timeout-seconds", "2");
        sse = new RawSseClient(server);
    }

    @AfterAll
    void stop() throws Exception {
        if (sse != null) {
            sse.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> postMcp(String contentType, byte[] body) throws Exception {
        return HTTP.send(SecurityE2E.mcp(server, null).setHeader("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> postMessage(String sessionId, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/messages/?session_id=" + sessionId))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofString());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The server still answers a real client, and reports healthy. */
    private void assertStillServing() throws Exception {
        try (McpSyncClient client = McpClients.streamable(server, tools -> {
        })) {
            CallToolResult result = client.callTool(new CallToolRequest("demo_math__calculate",
                    Map.of("operation", "multiply", "a", 6, "b", 7)));
            assertFalse(result.isError(), result::toString);
        }
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                .build(), BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("healthy", MAPPER.readTree(health.body()).path("status").asText());
    }

    private static void assertJsonRpcError(int status, int code, HttpResponse<String> response) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = MAPPER.readTree(response.body());
        assertEquals(code, body.path("error").path("code").asInt(), response.body());
    }

    @Test
    void malformedJson() throws Exception {
        assertJsonRpcError(400, -32700, postMcp(JSON, utf8("{\"jsonrpc\":\"2.0\",\"id\":1,")));
        assertJsonRpcError(400, -32700, postMcp(JSON, utf8("")));
        HttpResponse<String> sseAnswer = postMessage(sse.sessionId(), JSON, utf8("{not json"));
        assertEquals(400, sseAnswer.statusCode());
        assertEquals("Could not parse message", sseAnswer.body());
        assertStillServing();
    }

    @Test
    void deepNesting() throws Exception {
        byte[] deep = utf8("[".repeat(MAX_BODY / 2) + "]".repeat(MAX_BODY / 2));
        assertJsonRpcError(400, -32700, postMcp(JSON, deep));
        byte[] deepObject = utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"demo_text__echo\",\"arguments\":{\"message\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)
                + "}}}");
        HttpResponse<String> sseAnswer = postMessage(sse.sessionId(), JSON, deepObject);
        assertEquals(400, sseAnswer.statusCode(), sseAnswer.body());
        assertEquals("Could not parse message", sseAnswer.body());
        assertStillServing();
    }

    @Test
    void hugeBodiesAndStrings() throws Exception {
        byte[] huge = utf8("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "x".repeat(MAX_BODY) + "\"}}");
        assertJsonRpcError(413, -32000, postMcp(JSON, huge));
        HttpResponse<String> sseAnswer = postMessage(sse.sessionId(), JSON, huge);
        assertEquals(413, sseAnswer.statusCode());
        assertEquals("Request body too large", sseAnswer.body());
        // a large string within the cap is just an argument
        try (McpSyncClient client = McpClients.streamable(server, tools -> {
        })) {
            CallToolResult result = client.callTool(new CallToolRequest("demo_text__word_count",
                    Map.of("text", "word ".repeat(10_000))));
            assertFalse(result.isError(), result::toString);
        }
        assertStillServing();
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] body = { '{', '"', 'j', 's', 'o', 'n', 'r', 'p', 'c', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"',
                '}' };
        assertJsonRpcError(400, -32700, postMcp(JSON, body));
        HttpResponse<String> sseAnswer = postMessage(sse.sessionId(), JSON, body);
        assertEquals(400, sseAnswer.statusCode());
        assertEquals("Could not parse message", sseAnswer.body());
        assertStillServing();
    }

    @Test
    void wrongContentTypes() throws Exception {
        assertJsonRpcError(415, -32000, postMcp("text/plain", utf8("{}")));
        HttpResponse<String> notAccepted = HTTP.send(SecurityE2E.mcp(server, null).setHeader("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());
        assertJsonRpcError(406, -32000, notAccepted);
        HttpResponse<String> sseAnswer = postMessage(sse.sessionId(), "text/plain", utf8("{}"));
        assertEquals(400, sseAnswer.statusCode());
        assertEquals("Invalid Content-Type header", sseAnswer.body());
        assertStillServing();
    }

    @Test
    void unknownAndMalformedSessionIds() throws Exception {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        assertJsonRpcError(404, -32000, SecurityE2E.send(SecurityE2E.mcp(server, "0123456789abcdef0123456789abcdef"),
                ping));
        assertJsonRpcError(404, -32000, SecurityE2E.send(SecurityE2E.mcp(server, "../../etc/passwd"), ping));
        HttpResponse<String> unknown = postMessage("0123456789abcdef0123456789abcdef", JSON, utf8(ping));
        assertEquals(404, unknown.statusCode());
        assertEquals("Could not find session", unknown.body());
        HttpResponse<String> malformed = postMessage("not-a-uuid", JSON, utf8(ping));
        assertEquals(400, malformed.statusCode());
        assertEquals("Invalid session ID", malformed.body());
        assertStillServing();
    }

    @Test
    void slowBodiesAreCutOff() throws Exception {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"slow\",\"version\":\"1\"}}}";
        long start = System.nanoTime();
        String answer = trickle(server, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json, "
                + "text/event-stream\r\nContent-Type: application/json\r\nContent-Length: " + initialize.length()
                + "\r\n\r\n", utf8(initialize), 250);
        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("Request body too slow"), answer);
        assertTrue(System.nanoTime() - start < 25_000_000_000L, "cut off long before the body was complete");
        String sseAnswer = trickle(server, "POST /messages/?session_id=" + sse.sessionId() + " HTTP/1.1\r\nHost: "
                + "127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + initialize.length() + "\r\n\r\n",
                utf8(initialize), 250);
        assertTrue(sseAnswer.startsWith("HTTP/1.1 408 "), sseAnswer);
        assertStillServing();
    }

    /** Sends a request head, then its body one byte at a time; returns the whole answer. */
    static String trickle(SmcpServer server, String head, byte[] body, long pauseMillis) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            try {
                for (byte b : body) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(pauseMillis);
                    if (in.available() > 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                // closed by the server mid-body: its answer is still there to read
            }
            return readAnswer(in);
        }
    }

    /** One raw request (with {@code Connection: close}); returns the whole answer. */
    static String raw(SmcpServer server, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return readAnswer(socket.getInputStream());
        }
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && isComplete(text, end)) {
                    break;
                }
            }
        } catch (IOException e) {
            // reset after the answer: keep what came
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** Whether the body announced by Content-Length has arrived (the server may keep the connection open). */
    private static boolean isComplete(String text, int headEnd) {
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                int length = Integer.parseInt(line.substring(15).strip());
                return text.getBytes(StandardCharsets.UTF_8).length - headEnd - 4 >= length;
            }
        }
        return false;
    }
}
