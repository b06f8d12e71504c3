package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** The demo plugins served by the real runtime, driven by the official MCP Java SDK client over HTTP+SSE. */
class DemoPluginsE2E {

    private static SmcpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of());
        client = McpClients.sse(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            assertEquals(0, server.stop(), () -> "exit code after SIGTERM; log:\n" + server.log());
        }
    }

    @Test
    void initializeReportsOurNameVersionAndToolsCapability() {
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertEquals("smcp-osgi", init.serverInfo().name());
        assertEquals("0.1.0-SNAPSHOT", init.serverInfo().version());
        // the SDK's SSE transport offers only 2024-11-05: the server must echo it
        assertEquals("2024-11-05", init.protocolVersion());
        assertNotNull(init.capabilities().tools());
    }

    @Test
    void listsEveryDemoToolWithItsSchema() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        // the clock and promptyoself tools come from Java plugin bundles in the runtime's bundle set (see JavaPluginE2E,
        // PromptYoSelfE2E)
        assertEquals(List.of("clock__add", "clock__convert", "clock__difference", "clock__now",
                "demo_math__calculate", "demo_math__coin_flip", "demo_math__format_bytes",
                "demo_text__echo", "demo_text__hash_preview", "demo_text__slugify", "demo_text__word_count", "health",
                "promptyoself__agents", "promptyoself__cancel", "promptyoself__execute", "promptyoself__list",
                "promptyoself__register", "promptyoself__test"),
                tools.stream().map(McpSchema.Tool::name).toList());
        McpSchema.Tool calculate = tools.get(4);
        assertEquals("Add, subtract, multiply, or divide two numbers.", calculate.description());
        Map<String, Object> schema = calculate.inputSchema();
        assertEquals("object", schema.get("type"));
        assertEquals(List.of("operation", "a", "b"), schema.get("required"));
        assertEquals(false, schema.get("additionalProperties"));
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("a");
        assertEquals("number", a.get("type"));
        assertEquals("First operand", a.get("description"));
        @SuppressWarnings("unchecked")
        Map<String, Object> prefix = (Map<String, Object>) ((Map<String, Object>) tools.get(7).inputSchema()
                .get("properties")).get("prefix");
        assertEquals("", prefix.get("default"));
    }

    @Test
    void calculateAddsAndReturnsUpstreamText() {
        CallToolResult result = call("demo_math__calculate", Map.of("operation", "add", "a", 2, "b", 3));
        assertFalse(result.isError());
        assertEquals("{\n  \"ok\": true,\n  \"operation\": \"add\",\n  \"a\": 2.0,\n  \"b\": 3.0,\n  \"result\": 5.0\n}",
                text(result));
        assertEquals(5.0, ((Number) structured(result).get("result")).doubleValue());
    }

    @Test
    void divideByZeroIsAStructuredPluginError() {
        CallToolResult result = call("demo_math__calculate", Map.of("operation", "divide", "a", 1, "b", 0));
        assertTrue(result.isError());
        assertEquals("division_by_zero", text(result));
        assertEquals(Map.of("code", "plugin_error", "message", "division_by_zero"), structured(result).get("error"));
    }

    @Test
    void negativeNumbersAreNeverTakenForFlags() {
        CallToolResult result = call("demo_math__calculate", Map.of("operation", "multiply", "a", -4, "b", -2.5));
        assertFalse(result.isError(), () -> text(result));
        assertEquals(10.0, ((Number) structured(result).get("result")).doubleValue());
    }

    @Test
    void formatBytes() {
        CallToolResult result = call("demo_math__format_bytes", Map.of("value", 1536));
        assertEquals("1.50 KiB", structured(result).get("human"));
        assertEquals(1536, ((Number) structured(result).get("bytes")).intValue());
    }

    @Test
    void coinFlip() {
        Object side = structured(call("demo_math__coin_flip", Map.of())).get("result");
        assertTrue(List.of("heads", "tails").contains(side), String.valueOf(side));
    }

    @Test
    void echoWithAndWithoutPrefix() {
        assertEquals("note: hello", structured(call("demo_text__echo", Map.of("message", "hello", "prefix", "note")))
                .get("output"));
        assertEquals("--not-a-flag", structured(call("demo_text__echo", Map.of("message", "--not-a-flag")))
                .get("output"));
    }

    @Test
    void wordCount() {
        Map<String, Object> out = structured(call("demo_text__word_count", Map.of("text", "  one two\tthree\n")));
        assertEquals(3, ((Number) out.get("words")).intValue());
        assertEquals(16, ((Number) out.get("characters")).intValue());
    }

    @Test
    void slugify() {
        assertEquals("hello-osgi-world", structured(call("demo_text__slugify", Map.of("title", "Hello, OSGi World!")))
                .get("slug"));
        assertEquals("untitled", structured(call("demo_text__slugify", Map.of("title", "!!!"))).get("slug"));
    }

    @Test
    void hashPreviewIsDeterministic() {
        Map<String, Object> out = structured(call("demo_text__hash_preview", Map.of("text", "abc")));
        assertEquals("ba7816bf8f01cfea", out.get("sha256_preview"));
        assertEquals("sha256", out.get("algorithm"));
    }

    @Test
    void unicodeRoundTrips() {
        assertEquals("héllo wörld ✓", structured(call("demo_text__echo", Map.of("message", "héllo wörld ✓")))
                .get("output"));
    }

    @Test
    void missingRequiredArgumentIsInvalidArguments() {
        CallToolResult result = call("demo_math__calculate", Map.of("operation", "add", "a", 1));
        assertTrue(result.isError());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) structured(result).get("error");
        assertEquals("invalid_arguments", error.get("code"));
        assertTrue(String.valueOf(error.get("message")).contains("b"), String.valueOf(error.get("message")));
    }

    @Test
    void unknownToolIsAStructuredProtocolError() {
        McpError error = assertThrows(McpError.class, () -> call("no_such__tool", Map.of()));
        assertEquals(-32602, error.getJsonRpcError().code());
        assertTrue(error.getJsonRpcError().message().contains("no_such__tool"), error.getJsonRpcError().message());
        assertTrue(String.valueOf(error.getJsonRpcError().data()).contains("tool_not_found"));
    }

    @Test
    void pingAnswers() {
        assertNotNull(client.ping());
    }

    @Test
    void concurrentCallsFromTwoClients() throws Exception {
        try (McpSyncClient second = McpClients.sse(server)) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<Object>>();
                for (int i = 0; i < 16; i++) {
                    McpSyncClient c = i % 2 == 0 ? client : second;
                    int n = i;
                    futures.add(pool.submit(() -> structured(c.callTool(new CallToolRequest("demo_math__calculate",
                            Map.of("operation", "add", "a", n, "b", 1)))).get("result")));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals(i + 1.0, ((Number) futures.get(i).get()).doubleValue());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    static String text(CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(CallToolResult result) {
        assertNotNull(result.structuredContent(), () -> "no structured content in " + result);
        return (Map<String, Object>) result.structuredContent();
    }
}
