package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.LogLevel;
import dev.smcp.api.McpTool;
import dev.smcp.api.ToolResult;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSession.Receipt;

/**
 * The MCP protocol as clients see it, over a recording sink. Subclasses provide the server under test.
 */
abstract class McpProtocolContractTest {

    /** @return a new session of the server under test whose session sink is {@code sink} */
    protected abstract McpSession openSession(RecordingSink sink);

    /** Registers a tool service with the server under test. */
    protected abstract void addTool(long serviceId, int ranking, Map<String, Object> properties, McpTool tool);

    protected abstract ServerDTO serverDTO();

    protected abstract String expectedServerName();

    protected abstract String expectedServerVersion();

    /** One client connection: a session, its session sink and the sink for replies. */
    protected final class Client {
        final RecordingSink events = new RecordingSink();
        final RecordingSink replies = new RecordingSink();
        final McpSession session = openSession(events);

        Receipt send(String json) {
            return session.receive(json, replies);
        }

        /** Sends one request and returns the one reply it produced. */
        JsonNode call(String json) {
            assertEquals(Receipt.ACCEPTED, send(json), json);
            return replies.next();
        }

        JsonNode request(Object id, String method, String params) {
            String idJson = id instanceof String s ? '"' + s + '"' : String.valueOf(id);
            return call("{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\""
                    + (params == null ? "" : ",\"params\":" + params) + "}");
        }

        JsonNode initialize(String version) {
            JsonNode response = request(0, "initialize", "{\"protocolVersion\":\"" + version
                    + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test-client\",\"version\":\"9.8\"}}");
            assertEquals(Receipt.ACCEPTED, send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
            return response;
        }

        Client initialized() {
            JsonNode response = initialize("2025-03-26");
            assertTrue(response.has("result"), response.toString());
            return this;
        }

        JsonNode callTool(Object id, String name, String arguments) {
            return request(id, "tools/call",
                    "{\"name\":\"" + name + "\"" + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}");
        }

        /**
         * Asserts that nothing more was sent: a ping is answered next, and the session sink got nothing but
         * tools/list_changed (tools registered before initialize may cause one).
         */
        void assertNothingMoreSent() {
            assertTrue(replies.isEmpty(), () -> "unexpected replies " + replies.drain());
            JsonNode pong = request("sync", "ping", null);
            assertEquals("sync", pong.get("id").textValue(), pong.toString());
            assertTrue(replies.isEmpty(), () -> "unexpected replies " + replies.drain());
            List<String> unexpected = events.drainIgnoringListChanged();
            assertTrue(unexpected.isEmpty(), () -> "unexpected events " + unexpected);
        }

        SessionDTO dto() {
            return Arrays.stream(serverDTO().sessions).filter(s -> s.id.equals(session.id())).findFirst()
                    .orElse(null);
        }
    }

    protected Client client;

    /** Starts the server under test; called before each test. */
    protected abstract void startServer();

    /** Stops the server under test; called after each test. */
    protected abstract void stopServer();

    @BeforeEach
    void setUp() {
        startServer();
        client = new Client();
    }

    @AfterEach
    void tearDown() {
        stopServer();
    }

    private static void assertError(JsonNode response, int code, String message) {
        assertEquals("2.0", response.path("jsonrpc").textValue(), response.toString());
        assertEquals(code, response.path("error").path("code").intValue(), response.toString());
        if (message != null) {
            assertEquals(message, response.path("error").path("message").textValue(), response.toString());
        }
        assertFalse(response.has("result"), response.toString());
    }

    private static JsonNode result(JsonNode response) {
        assertTrue(response.has("result"), response.toString());
        assertFalse(response.has("error"), response.toString());
        return response.get("result");
    }

    // ---- initialize

    @ParameterizedTest
    @ValueSource(strings = { "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25" })
    void initializeEchoesASupportedVersion(String version) {
        JsonNode result = result(client.initialize(version));
        assertEquals(version, result.get("protocolVersion").textValue());
        assertEquals(version, client.dto().protocolVersion);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1999-01-01", "2026-07-28", "" })
    void initializeAnswersTheLatestVersionForAnUnknownOne(String version) {
        assertEquals("2025-11-25", result(client.initialize(version)).get("protocolVersion").textValue());
    }

    @Test
    void initializeReportsServerInfoAndCapabilities() {
        JsonNode response = client.initialize("2025-06-18");
        assertEquals(0, response.get("id").intValue());
        JsonNode result = result(response);
        assertEquals(expectedServerName(), result.at("/serverInfo/name").textValue());
        assertEquals(expectedServerVersion(), result.at("/serverInfo/version").textValue());
        assertTrue(result.at("/capabilities/tools/listChanged").booleanValue());
        assertFalse(result.has("instructions"));
        SessionDTO dto = client.dto();
        assertEquals("test-client", dto.clientName);
        assertEquals("9.8", dto.clientVersion);
        assertTrue(client.session.id().matches("[0-9a-f]{32}"), client.session.id());
    }

    @Test
    void initializeWithoutProtocolVersionIsInvalidParamsAndLeavesTheSessionUninitialized() {
        assertError(client.request(1, "initialize", "{\"capabilities\":{}}"), -32602, null);
        assertError(client.request(2, "initialize", null), -32602, null);
        assertNull(client.dto().protocolVersion);
        assertError(client.request(3, "tools/list", null), -32600, "Session not initialized");
        assertTrue(client.initialize("2025-03-26").has("result"));
    }

    @Test
    void aSecondInitializeIsAnInvalidRequest() {
        client.initialized();
        JsonNode again = client.request(5, "initialize", "{\"protocolVersion\":\"2024-11-05\"}");
        assertError(again, -32600, null);
        assertEquals(5, again.get("id").intValue());
        assertEquals("2025-03-26", client.dto().protocolVersion);
    }

    @Test
    void pingIsAnsweredBeforeAndAfterInitialize() {
        JsonNode before = client.request("p1", "ping", null);
        assertEquals("p1", before.get("id").textValue());
        assertEquals(0, result(before).size());
        client.initialized();
        JsonNode after = client.request(2, "ping", "{}");
        assertTrue(result(after).isObject());
        assertEquals(0, result(after).size());
    }

    @Test
    void requestsBeforeInitializeAreRejected() {
        assertError(client.request(1, "tools/list", null), -32600, "Session not initialized");
        assertError(client.request(2, "tools/call", "{\"name\":\"x\"}"), -32600, "Session not initialized");
        // a method this server does not have is unknown whether initialized or not
        assertError(client.request(3, "prompts/list", null), -32601, "Method not found");
    }

    @Test
    void nullParamsMeanNoParams() {
        assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":null}"));
        JsonNode pong = client.replies.next();
        assertEquals(6, pong.get("id").intValue());
        assertEquals(0, result(pong).size());
    }

    @Test
    void malformedNotificationsAreNeverAnswered() {
        assertEquals(Receipt.MALFORMED,
                client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\",\"params\":7}"));
        assertEquals(Receipt.MALFORMED,
                client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":\"x\"}"));
        client.assertNothingMoreSent();
    }

    // ---- tools/list

    @Test
    void toolsListIsSortedByNameWithTheDefaultSchemaForToolsWithoutOne() {
        addTool(11, 0, Map.of(McpTool.NAME, "zeta", McpTool.DESCRIPTION, "last"), (a, c) -> ToolResult.text("z"));
        addTool(12, 0, Map.of(McpTool.NAME, "alpha", McpTool.INPUT_SCHEMA,
                "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}},\"required\":[\"x\"]}"),
                (a, c) -> ToolResult.text("a"));
        addTool(13, 0, Map.of(McpTool.NAME, "Mid", McpTool.DESCRIPTION, "middle"), (a, c) -> ToolResult.text("m"));
        client.initialized();
        JsonNode tools = result(client.request(1, "tools/list", null)).get("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.get("name").textValue()));
        assertEquals(List.of("Mid", "alpha", "zeta"), names);
        JsonNode alpha = tools.get(1);
        assertFalse(alpha.has("description"));
        assertEquals("integer", alpha.at("/inputSchema/properties/x/type").textValue());
        assertEquals("x", alpha.at("/inputSchema/required/0").textValue());
        JsonNode zeta = tools.get(2);
        assertEquals("last", zeta.get("description").textValue());
        assertEquals(RecordingSink.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                zeta.get("inputSchema"));
        assertEquals(3, zeta.size());
    }

    @Test
    void toolsListCursors() {
        addTool(11, 0, Map.of(McpTool.NAME, "t"), (a, c) -> ToolResult.text("t"));
        client.initialized();
        JsonNode withNull = result(client.request(1, "tools/list", "{\"cursor\":null}"));
        assertEquals(1, withNull.get("tools").size());
        assertFalse(withNull.has("nextCursor"));
        assertError(client.request(2, "tools/list", "{\"cursor\":\"abc\"}"), -32602, "Invalid cursor");
        assertError(client.request(3, "tools/list", "[]"), -32602, null);
    }

    // ---- tools/call

    @Test
    void toolsCallReturnsTheToolResult() {
        AtomicReference<String> seenSession = new AtomicReference<>();
        AtomicReference<String> seenTool = new AtomicReference<>();
        addTool(11, 0, Map.of(McpTool.NAME, "echo"), (arguments, context) -> {
            seenSession.set(context.sessionId());
            seenTool.set(context.toolName());
            return ToolResult.text("hello " + arguments.get("who"));
        });
        client.initialized();
        JsonNode response = client.callTool(7, "echo", "{\"who\":\"world\"}");
        assertEquals(7, response.get("id").intValue());
        JsonNode result = result(response);
        assertEquals(RecordingSink.parse("[{\"type\":\"text\",\"text\":\"hello world\"}]"), result.get("content"));
        assertFalse(result.get("isError").booleanValue());
        assertFalse(result.has("structuredContent"));
        assertEquals(client.session.id(), seenSession.get());
        assertEquals("echo", seenTool.get());
    }

    @Test
    void toolsCallPassesErrorResultsAndStructuredContentThrough() {
        addTool(11, 0, Map.of(McpTool.NAME, "fails"), (a, c) -> ToolResult.error("plugin_error", "it broke"));
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("sum", 3L);
        structured.put("none", null);
        structured.put("list", List.of(1, "two"));
        addTool(12, 0, Map.of(McpTool.NAME, "adds"), (a, c) -> ToolResult.structured("{\"sum\":3}", structured));
        client.initialized();

        JsonNode failed = result(client.callTool(1, "fails", "{}"));
        assertTrue(failed.get("isError").booleanValue());
        assertEquals("it broke", failed.at("/content/0/text").textValue());
        assertEquals("plugin_error", failed.at("/structuredContent/error/code").textValue());
        assertEquals("it broke", failed.at("/structuredContent/error/message").textValue());

        JsonNode added = result(client.callTool(2, "adds", null));
        assertFalse(added.get("isError").booleanValue());
        assertEquals(RecordingSink.parse("{\"sum\":3,\"none\":null,\"list\":[1,\"two\"]}"),
                added.get("structuredContent"));
        assertEquals("{\"sum\":3}", added.at("/content/0/text").textValue());
    }

    @Test
    void toolsCallDecodesArgumentsToPlainJavaValues() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        addTool(11, 0, Map.of(McpTool.NAME, "args"), (arguments, context) -> {
            seen.set(arguments);
            return ToolResult.text("ok");
        });
        client.initialized();
        result(client.callTool(1, "args", "{\"i\":1,\"big\":123456789012345678901234567890,\"d\":1.5,\"b\":true,"
                + "\"n\":null,\"s\":\"x\",\"l\":[1,{\"k\":\"v\"}]}"));
        Map<String, Object> arguments = seen.get();
        assertEquals(1L, arguments.get("i"));
        assertEquals(new BigInteger("123456789012345678901234567890"), arguments.get("big"));
        assertEquals(1.5, arguments.get("d"));
        assertEquals(Boolean.TRUE, arguments.get("b"));
        assertTrue(arguments.containsKey("n"));
        assertNull(arguments.get("n"));
        assertEquals(List.of(1L, Map.of("k", "v")), arguments.get("l"));

        result(client.callTool(2, "args", null));
        assertEquals(Map.of(), seen.get());
        result(client.callTool(3, "args", "null"));
        assertEquals(Map.of(), seen.get());
    }

    @Test
    void anUnknownToolIsAProtocolError() {
        client.initialized();
        JsonNode response = client.callTool(4, "nope", "{}");
        assertError(response, -32602, "Unknown tool: nope");
        assertEquals(4, response.get("id").intValue());
        assertEquals("tool_not_found", response.at("/error/data/error/code").textValue());
        assertEquals("Unknown tool: nope", response.at("/error/data/error/message").textValue());
    }

    @Test
    void badToolsCallParamsAreInvalidParams() {
        addTool(11, 0, Map.of(McpTool.NAME, "t"), (a, c) -> ToolResult.text("t"));
        client.initialized();
        assertError(client.callTool(1, "t", "[1]"), -32602, null);
        assertError(client.callTool(2, "t", "\"text\""), -32602, null);
        assertError(client.request(3, "tools/call", "{\"arguments\":{}}"), -32602, null);
        assertError(client.request(4, "tools/call", "{\"name\":5}"), -32602, null);
        assertError(client.request(5, "tools/call", null), -32602, null);
        assertError(client.request(6, "tools/call", "[\"t\"]"), -32602, null);
    }

    @Test
    void aToolThatThrowsYieldsAnInternalErrorResult() {
        addTool(11, 0, Map.of(McpTool.NAME, "boom"), (a, c) -> {
            throw new IllegalStateException("secret detail");
        });
        client.initialized();
        JsonNode result = result(client.callTool(1, "boom", "{\"password\":\"hunter2\"}"));
        assertTrue(result.get("isError").booleanValue());
        assertEquals("internal_error", result.at("/structuredContent/error/code").textValue());
        assertEquals("Tool execution failed", result.at("/content/0/text").textValue());
        assertFalse(result.toString().contains("secret detail"));
    }

    // ---- malformed messages

    @Test
    void invalidJsonIsAParseError() {
        for (String text : new String[] { "{not json", "", "   ", "{\"jsonrpc\":\"2.0\"} trailing",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}{}", "[1,", "\u0000" }) {
            assertEquals(Receipt.MALFORMED, client.send(text), text);
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}",
                    client.replies.nextText(), text);
        }
        assertEquals(Receipt.MALFORMED, client.session.receive(null, client.replies));
        assertEquals(-32700, client.replies.next().at("/error/code").intValue());
        client.assertNothingMoreSent();
    }

    @Test
    void messagesThatAreNotJsonRpcAreInvalidRequests() {
        Object[][] cases = {
                { "{\"id\":1,\"method\":\"ping\"}", 1 },
                { "{\"jsonrpc\":\"1.0\",\"id\":\"a\",\"method\":\"ping\"}", "a" },
                { "{\"jsonrpc\":2.0,\"id\":2,\"method\":\"ping\"}", 2 },
                { "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":5}", 3 },
                { "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":null}", 4 },
                { "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":\"x\"}", 5 },
                { "{\"jsonrpc\":\"2.0\"}", null },
                { "{\"jsonrpc\":\"2.0\",\"id\":8}", 8 },
                { "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{},\"error\":{}}", 9 },
                { "{}", null },
                { "42", null },
                { "\"ping\"", null },
                { "null", null },
        };
        for (Object[] c : cases) {
            String text = (String) c[0];
            assertEquals(Receipt.MALFORMED, client.send(text), text);
            JsonNode response = client.replies.next();
            assertError(response, -32600, "Invalid Request");
            JsonNode id = response.get("id");
            if (c[1] == null) {
                assertTrue(id.isNull(), text + " -> " + response);
            } else if (c[1] instanceof String s) {
                assertEquals(s, id.textValue(), text);
            } else {
                assertEquals((int) c[1], id.intValue(), text);
                assertTrue(id.isIntegralNumber(), text);
            }
        }
        client.assertNothingMoreSent();
    }

    @Test
    void anUnknownMethodIsMethodNotFound() {
        client.initialized();
        JsonNode response = client.request(9, "prompts/list", null);
        assertError(response, -32601, "Method not found");
        assertEquals(9, response.get("id").intValue());
        assertError(client.request(10, "notifications/initialized", null), -32601, "Method not found");
    }

    @Test
    void notificationsAndClientResponsesAreNeverAnswered() {
        addTool(11, 0, Map.of(McpTool.NAME, "t"), (a, c) -> {
            throw new AssertionError("a notification must not call a tool");
        });
        String[] messages = {
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":99}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-1,\"message\":\"no\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}",
        };
        for (String message : messages) {
            assertEquals(Receipt.ACCEPTED, client.send(message), message);
        }
        client.assertNothingMoreSent();
        client.initialized();
        for (String message : messages) {
            assertEquals(Receipt.ACCEPTED, client.send(message), message);
        }
        client.assertNothingMoreSent();
    }

    // ---- logging and progress

    @Test
    void loggingIsAdvertisedAndSetLevelChecksTheLevel() {
        JsonNode init = result(client.initialize("2025-06-18"));
        assertTrue(init.at("/capabilities/logging").isObject(), init.toString());
        assertEquals(0, result(client.request(1, "logging/setLevel", "{\"level\":\"warning\"}")).size());
        assertError(client.request(2, "logging/setLevel", "{\"level\":\"loud\"}"), -32602, null);
        assertError(client.request(3, "logging/setLevel", null), -32602, null);
        client.assertNothingMoreSent();
    }

    @Test
    void toolLogMessagesReachTheClientAtOrAboveItsLevel() {
        addTool(21, 0, Map.of(McpTool.NAME, "chatty"), (a, c) -> {
            c.log(LogLevel.DEBUG, "too quiet");
            c.log(LogLevel.WARNING, "watch out");
            c.log(LogLevel.ERROR, Map.of("code", 7));
            return ToolResult.text("done");
        });
        client.initialize("2025-06-18");
        JsonNode silent = client.callTool(1, "chatty", null);
        assertEquals("done", result(silent).at("/content/0/text").textValue(), "no level set: no messages");

        result(client.request(2, "logging/setLevel", "{\"level\":\"warning\"}"));
        assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"chatty\"}}"));
        JsonNode warning = client.replies.next();
        assertEquals("notifications/message", warning.get("method").textValue());
        assertEquals("warning", warning.at("/params/level").textValue());
        assertEquals("chatty", warning.at("/params/logger").textValue());
        assertEquals("watch out", warning.at("/params/data").textValue());
        JsonNode error = client.replies.next();
        assertEquals(7, error.at("/params/data/code").intValue());
        assertEquals(3, client.replies.next().get("id").intValue());
        client.assertNothingMoreSent();
    }

    @Test
    void progressIsSentOnlyWithATokenIncreasingAndBeforeTheResponse() {
        addTool(22, 0, Map.of(McpTool.NAME, "steps"), (a, c) -> {
            c.progress(1, 3.0, "one");
            c.progress(1, 3.0, "again"); // not increasing: dropped
            c.progress(2.5, null, null);
            return ToolResult.text("done");
        });
        client.initialize("2025-06-18");
        assertEquals("done", result(client.callTool(1, "steps", null)).at("/content/0/text").textValue());

        assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"steps\",\"_meta\":{\"progressToken\":\"tok-1\"}}}"));
        JsonNode first = client.replies.next();
        assertEquals("notifications/progress", first.get("method").textValue());
        assertEquals("tok-1", first.at("/params/progressToken").textValue());
        assertEquals(1.0, first.at("/params/progress").doubleValue());
        assertEquals(3.0, first.at("/params/total").doubleValue());
        assertEquals("one", first.at("/params/message").textValue());
        JsonNode second = client.replies.next();
        assertEquals(2.5, second.at("/params/progress").doubleValue());
        assertFalse(second.at("/params").has("total"));
        assertEquals(2, client.replies.next().get("id").intValue());

        assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"steps\",\"_meta\":{\"progressToken\":42}}}"));
        JsonNode numeric = client.replies.next();
        assertTrue(numeric.at("/params/progressToken").isIntegralNumber(), "the token keeps its type");
        client.replies.next();
        assertEquals(3, client.replies.next().get("id").intValue());
        client.assertNothingMoreSent();
    }

    @Test
    void titleAnnotationsAndOutputSchemaAreListedForTheVersionsThatHaveThem() {
        addTool(23, 0, Map.of(McpTool.NAME, "rich", McpTool.TITLE, "Rich tool", McpTool.ANNOTATIONS,
                "{\"readOnlyHint\":true}", McpTool.OUTPUT_SCHEMA, "{\"type\":\"object\"}"),
                (a, c) -> ToolResult.text("x"));
        addTool(24, 0, Map.of(McpTool.NAME, "broken", McpTool.ANNOTATIONS, "[1]"), (a, c) -> ToolResult.text("x"));
        client.initialize("2025-06-18");
        JsonNode tools = result(client.request(1, "tools/list", null)).get("tools");
        assertEquals(1, tools.size(), "invalid annotations make a failed tool: " + tools);
        assertEquals("Rich tool", tools.at("/0/title").textValue());
        assertTrue(tools.at("/0/annotations/readOnlyHint").booleanValue());
        assertEquals("object", tools.at("/0/outputSchema/type").textValue());

        Client old = new Client();
        old.initialize("2024-11-05");
        JsonNode plain = result(old.request(1, "tools/list", null)).at("/tools/0");
        assertFalse(plain.has("title") || plain.has("annotations") || plain.has("outputSchema"), plain.toString());
    }

    // ---- batches

    @Test
    void batchElementsAreHandledOneByOne() {
        addTool(11, 0, Map.of(McpTool.NAME, "t"), (a, c) -> ToolResult.text("done"));
        client.initialized();
        Receipt receipt = client.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"tools/list\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}},"
                + "42]");
        assertEquals(Receipt.ACCEPTED, receipt);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            JsonNode reply = client.replies.next();
            byId.put(reply.get("id").toString(), reply);
        }
        assertEquals(0, result(byId.get("1")).size());
        assertEquals("t", result(byId.get("\"b\"")).at("/tools/0/name").textValue());
        assertEquals("done", result(byId.get("3")).at("/content/0/text").textValue());
        assertError(byId.get("null"), -32600, "Invalid Request");
        client.assertNothingMoreSent();
    }

    @Test
    void anEmptyBatchIsAnInvalidRequest() {
        assertEquals(Receipt.MALFORMED, client.send("[]"));
        JsonNode response = client.replies.next();
        assertError(response, -32600, "Invalid Request");
        assertTrue(response.get("id").isNull());
        client.assertNothingMoreSent();
    }

    @Test
    void aBatchBeforeInitializeIsRejectedWhole() {
        assertEquals(Receipt.MALFORMED, client.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-03-26\"}},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]"));
        JsonNode rejected = client.replies.next();
        assertError(rejected, -32600, "Invalid Request: batches are not allowed before initialize");
        assertTrue(rejected.get("id").isNull());
        assertNull(client.dto().protocolVersion);
        client.assertNothingMoreSent();
    }

    @Test
    void initializeInsideABatchIsRejected() {
        client.initialized(); // 2025-03-26, the one version with batches
        assertEquals(Receipt.ACCEPTED, client.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-03-26\"}},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}]"));
        JsonNode rejected = client.replies.next();
        assertError(rejected, -32600, null);
        assertEquals(1, rejected.get("id").intValue());
        JsonNode pong = client.replies.next();
        assertEquals(2, pong.get("id").intValue());
        assertEquals(0, result(pong).size());
        assertEquals(Receipt.MALFORMED, client.send("[1,2]"));
        assertEquals(-32600, client.replies.next().at("/error/code").intValue());
        assertEquals(-32600, client.replies.next().at("/error/code").intValue());
        client.assertNothingMoreSent();
    }

    @Test
    void batchesAreRejectedInVersionsWithoutThem() {
        for (String version : List.of("2024-11-05", "2025-06-18", "2025-11-25")) {
            Client other = new Client();
            assertTrue(other.initialize(version).has("result"));
            assertEquals(Receipt.MALFORMED, other.send("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"));
            assertError(other.replies.next(), -32600,
                    "Invalid Request: batches are not allowed in protocol version " + version);
            other.assertNothingMoreSent();
        }
    }

    // ---- cancellation and closing

    @Test
    void cancellingACallStopsTheToolAndSuppressesTheResponse() {
        BlockingTool tool = new BlockingTool();
        addTool(11, 0, Map.of(McpTool.NAME, "slow"), tool);
        client.initialized();
        assertEquals(Receipt.ACCEPTED, client.send(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}"));
        Await.await(tool.started, "the tool to start");
        assertEquals(1, client.dto().inFlight);

        // another session, or the same id with another type, cancels nothing
        Client other = new Client().initialized();
        other.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}");
        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"7\"}}");
        assertEquals(1, tool.observedCancellation.getCount());

        assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":7,\"reason\":\"user\"}}"));
        Await.await(tool.observedCancellation, "the tool to observe cancellation");
        Await.await(tool.returned, "the tool to return");
        Await.until(() -> client.dto().inFlight == 0, "the call to end");
        client.assertNothingMoreSent();
    }

    @Test
    void closingTheSessionCancelsItsCallsAndSendsNothingMore() {
        BlockingTool tool = new BlockingTool();
        addTool(11, 0, Map.of(McpTool.NAME, "slow"), tool);
        client.initialized();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
        Await.await(tool.started, "the tool to start");
        client.session.close();
        assertFalse(client.session.isOpen());
        Await.await(tool.observedCancellation, "the tool to observe cancellation");
        Await.await(tool.returned, "the tool to return");
        assertEquals(Receipt.CLOSED, client.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"));
        assertEquals(Receipt.CLOSED, client.send("not even json"));
        assertNull(client.dto());
        client.session.close(); // idempotent
        assertTrue(client.replies.isEmpty(), () -> client.replies.drain().toString());
        assertEquals(List.of(), client.events.drainIgnoringListChanged());
        assertEquals(0, client.events.closes(), "a client-side close is not echoed to the transport");
    }

    @Test
    void aToolUnregisteredDuringACallStillAnswers() {
        BlockingTool tool = new BlockingTool();
        addTool(11, 0, Map.of(McpTool.NAME, "slow"), tool);
        client.initialized();
        client.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}");
        Await.await(tool.started, "the tool to start");
        removeTool(11);
        tool.release.countDown();
        assertEquals("released", result(client.replies.next()).at("/content/0/text").textValue());
        assertError(client.callTool(2, "slow", null), -32602, "Unknown tool: slow");
    }

    /** Unregisters a tool service from the server under test. */
    protected abstract void removeTool(long serviceId);

    // ---- ids

    @Test
    void idsAreEchoedExactly() {
        addTool(11, 0, Map.of(McpTool.NAME, "t"), (a, c) -> ToolResult.text("t"));
        client.initialized();
        String[] ids = { "\"abc\"", "\"\"", "\"1\"", "42", "0", "-5", "9007199254740993",
                "123456789012345678901234567890", "-123456789012345678901234567890" };
        for (String id : ids) {
            for (String body : new String[] { "\"method\":\"ping\"",
                    "\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}",
                    "\"method\":\"nope/nope\"" }) {
                assertEquals(Receipt.ACCEPTED, client.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + "," + body + "}"));
                String reply = client.replies.nextText();
                assertTrue(reply.startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + id + ","), reply);
            }
        }
        JsonNode big = client.request(new BigInteger("98765432109876543210"), "ping", null);
        assertEquals(new BigInteger("98765432109876543210"), big.get("id").bigIntegerValue());
        client.assertNothingMoreSent();
    }
}
