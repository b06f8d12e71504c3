package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.McpTool;
import dev.smcp.api.ToolResult;
import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSession.Receipt;

/** The server as a whole: pool limits, list_changed, runtime DTOs, shutdown. */
class McpServerTest {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
            + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";

    private McpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.deactivate();
        }
    }

    private McpServer start(ServerSettings settings) {
        server = new McpServer(settings, "0.1.0-SNAPSHOT");
        return server;
    }

    private void addTool(long id, int ranking, Map<String, Object> properties, McpTool tool) {
        server.catalog().put(new ToolRegistration(id, ranking, 7, "tools.bundle:2.0.0", properties, () -> tool));
    }

    private static McpSession initialized(McpServer server, RecordingSink events, RecordingSink replies) {
        McpSession session = server.open("test", events);
        assertEquals(Receipt.ACCEPTED, session.receive(INITIALIZE, replies));
        assertTrue(replies.next().has("result"));
        return session;
    }

    private static String call(Object id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\"}}";
    }

    @Test
    void aCallBeyondRunningAndQueuedCallsIsBusy() {
        start(new ServerSettings("s", 1, 0, 10));
        BlockingTool blocking = new BlockingTool();
        addTool(1, 0, Map.of(McpTool.NAME, "slow"), blocking);
        addTool(2, 0, Map.of(McpTool.NAME, "fast"), (a, c) -> ToolResult.text("fast"));
        RecordingSink replies = new RecordingSink();
        McpSession session = initialized(server, new RecordingSink(), replies);

        session.receive(call(1, "slow"), replies);
        Await.await(blocking.started, "the first call to run");
        session.receive(call(2, "fast"), replies);
        JsonNode busy = replies.next();
        assertEquals(2, busy.get("id").intValue());
        assertTrue(busy.at("/result/isError").booleanValue());
        assertEquals("busy", busy.at("/result/structuredContent/error/code").textValue());

        blocking.release.countDown();
        JsonNode first = replies.next();
        assertEquals(1, first.get("id").intValue());
        assertEquals("released", first.at("/result/content/0/text").textValue());
    }

    @Test
    void oneSessionCannotTakeEverySlotAndTheCountsShowIt() {
        start(new ServerSettings("s", 4, 4, 10, 50, 1));
        BlockingTool blocking = new BlockingTool();
        addTool(1, 0, Map.of(McpTool.NAME, "slow"), blocking);
        addTool(2, 0, Map.of(McpTool.NAME, "fast"), (a, c) -> ToolResult.text("fast"));
        RecordingSink replies = new RecordingSink();
        McpSession greedy = initialized(server, new RecordingSink(), replies);
        RecordingSink otherReplies = new RecordingSink();
        McpSession other = initialized(server, new RecordingSink(), otherReplies);

        greedy.receive(call(1, "slow"), replies);
        Await.await(blocking.started, "the first call to run");
        assertEquals(1, server.getServerDTO().callsInFlight);
        greedy.receive(call(2, "fast"), replies);
        JsonNode busy = replies.next();
        assertEquals(2, busy.get("id").intValue());
        assertEquals("busy", busy.at("/result/structuredContent/error/code").textValue());
        assertTrue(busy.at("/result/content/0/text").textValue().contains("this session has 1 tool calls in flight"),
                busy.toString());

        other.receive(call(3, "fast"), otherReplies);
        assertFalse(otherReplies.next().at("/result/isError").booleanValue(), "another session still gets a slot");

        blocking.release.countDown();
        assertEquals(1, replies.next().get("id").intValue());
        Await.until(() -> server.getServerDTO().callsInFlight == 0, "the slot to be released");
        ServerDTO dto = server.getServerDTO();
        assertEquals(2, dto.callsSucceeded);
        assertEquals(1, dto.callsFailed);
        assertTrue(dto.startedAt > 0 && dto.startedAt <= System.currentTimeMillis());
    }

    @Test
    void aFreedSlotIsUsedAgain() {
        start(new ServerSettings("s", 1, 0, 10));
        addTool(2, 0, Map.of(McpTool.NAME, "fast"), (a, c) -> ToolResult.text("fast"));
        RecordingSink replies = new RecordingSink();
        McpSession session = initialized(server, new RecordingSink(), replies);
        for (int i = 0; i < 20; i++) {
            session.receive(call(i, "fast"), replies);
            JsonNode reply = replies.next();
            assertEquals(i, reply.get("id").intValue());
            assertFalse(reply.at("/result/isError").booleanValue(), reply.toString());
        }
    }

    @Test
    void listChangedIsSentOnceForABurstAndOnlyToInitializedSessions() {
        long debounce = 500;
        start(new ServerSettings("s", 2, 2, debounce));
        RecordingSink initializedEvents = new RecordingSink();
        RecordingSink initializedReplies = new RecordingSink();
        initialized(server, initializedEvents, initializedReplies);
        RecordingSink fresh = new RecordingSink();
        RecordingSink freshReplies = new RecordingSink();
        server.open("test", fresh);

        for (int i = 1; i <= 5; i++) {
            addTool(i, 0, Map.of(McpTool.NAME, "tool" + i), (a, c) -> ToolResult.text("x"));
        }
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                initializedEvents.nextText());
        Await.sleep(debounce * 3);
        assertTrue(initializedEvents.isEmpty(), () -> "more notifications: " + initializedEvents.drain());
        assertTrue(fresh.isEmpty(), () -> "uninitialized session notified: " + fresh.drain());
        assertTrue(initializedReplies.isEmpty(), "notifications go to the session sink, not to replies");
        assertTrue(freshReplies.isEmpty());

        // a change clients cannot see (a shadowed duplicate) sends nothing; a removal does
        addTool(10, -1, Map.of(McpTool.NAME, "tool1"), (a, c) -> ToolResult.text("y"));
        server.catalog().remove(5);
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                initializedEvents.nextText());
        Await.sleep(debounce * 3);
        assertTrue(initializedEvents.isEmpty(), () -> "more notifications: " + initializedEvents.drain());
    }

    @Test
    void serverDtoDescribesToolsFailuresAndSessions() {
        start(new ServerSettings(null, 1, 0, 10));
        addTool(1, 0, Map.of(McpTool.NAME, "dup", McpTool.DESCRIPTION, "low", McpTool.PLUGIN, "p"),
                (a, c) -> ToolResult.text("1"));
        addTool(2, 5, Map.of(McpTool.NAME, "dup", McpTool.DESCRIPTION, "high"), (a, c) -> ToolResult.text("2"));
        addTool(3, 0, Map.of(McpTool.NAME, "bad name"), (a, c) -> ToolResult.text("3"));
        addTool(4, 0, Map.of(McpTool.NAME, "schema", McpTool.INPUT_SCHEMA, "{\"type\":\"array\"}"),
                (a, c) -> ToolResult.text("4"));
        RecordingSink replies = new RecordingSink();
        McpSession session = initialized(server, new RecordingSink(), replies);
        McpSession other = server.open("sse", new RecordingSink());

        ServerDTO dto = server.getServerDTO();
        assertEquals("smcp-osgi", dto.name);
        assertEquals("0.1.0-SNAPSHOT", dto.version);
        assertArrayEquals(new String[] { "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05" },
                dto.protocolVersions);
        assertEquals(1, dto.tools.length);
        assertEquals("dup", dto.tools[0].name);
        assertEquals("high", dto.tools[0].description);
        assertEquals(2, dto.tools[0].serviceId);
        assertEquals(7, dto.tools[0].bundleId);
        assertEquals(3, dto.failedTools.length);
        assertEquals(FailedToolDTO.FAILURE_REASON_SHADOWED, dto.failedTools[0].failureReason);
        assertEquals(1, dto.failedTools[0].serviceId);
        assertEquals("dup", dto.failedTools[0].name);
        assertEquals(FailedToolDTO.FAILURE_REASON_INVALID_NAME, dto.failedTools[1].failureReason);
        assertEquals("bad name", dto.failedTools[1].name);
        assertEquals(FailedToolDTO.FAILURE_REASON_INVALID_SCHEMA, dto.failedTools[2].failureReason);
        assertEquals(4, dto.failedTools[2].serviceId);

        assertEquals(2, dto.sessions.length);
        var mine = Arrays.stream(dto.sessions).filter(s -> s.id.equals(session.id())).findFirst().orElseThrow();
        assertEquals("test", mine.transport);
        assertEquals("2025-06-18", mine.protocolVersion);
        assertEquals("c", mine.clientName);
        assertEquals("1", mine.clientVersion);
        assertTrue(mine.openedAt > 0);
        var theirs = Arrays.stream(dto.sessions).filter(s -> s.id.equals(other.id())).findFirst().orElseThrow();
        assertEquals("sse", theirs.transport);
        assertEquals(null, theirs.protocolVersion);

        // tools/list offers the winner only
        session.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", replies);
        JsonNode tools = replies.next().at("/result/tools");
        assertEquals(1, tools.size());
        assertEquals("high", tools.get(0).get("description").textValue());
    }

    @Test
    void brokenToolsAndResultsBecomeErrorResults() {
        start(new ServerSettings("s", 2, 2, 10));
        server.catalog().put(new ToolRegistration(1, 0, 7, "b:1", Map.of(McpTool.NAME, "gone"), () -> null));
        server.catalog().put(new ToolRegistration(2, 0, 7, "b:1", Map.of(McpTool.NAME, "throwsOnGet"), () -> {
            throw new IllegalStateException("service factory failed");
        }));
        addTool(3, 0, Map.of(McpTool.NAME, "unwritable"),
                (a, c) -> ToolResult.structured("x", Map.of("value", new Object())));
        Map<String, Object> cyclic = new java.util.HashMap<>();
        cyclic.put("self", cyclic);
        addTool(4, 0, Map.of(McpTool.NAME, "cyclic"), (a, c) -> ToolResult.structured("x", cyclic));
        addTool(5, 0, Map.of(McpTool.NAME, "nothing"), (a, c) -> null);
        RecordingSink replies = new RecordingSink();
        McpSession session = initialized(server, new RecordingSink(), replies);

        String[][] expected = { { "gone", "tool_not_found" }, { "throwsOnGet", "tool_not_found" },
                { "unwritable", "internal_error" }, { "cyclic", "internal_error" }, { "nothing", "internal_error" } };
        for (String[] c : expected) {
            session.receive(call("\"" + c[0] + "\"", c[0]), replies);
            JsonNode reply = replies.next();
            assertEquals(c[0], reply.get("id").textValue());
            assertTrue(reply.at("/result/isError").booleanValue(), reply.toString());
            assertEquals(c[1], reply.at("/result/structuredContent/error/code").textValue(), reply.toString());
        }
        Await.until(() -> server.getServerDTO().sessions[0].inFlight == 0, "calls to end");
        // the pool still works
        addTool(6, 0, Map.of(McpTool.NAME, "fine"), (a, c) -> ToolResult.text("fine"));
        session.receive(call(9, "fine"), replies);
        assertEquals("fine", replies.next().at("/result/content/0/text").textValue());
    }

    @Test
    void sessionIdsAreRandomLowercaseHex() {
        start(ServerSettings.defaults());
        McpSession a = server.open("test", new RecordingSink());
        McpSession b = server.open("test", new RecordingSink());
        assertTrue(a.id().matches("[0-9a-f]{32}"), a.id());
        assertTrue(b.id().matches("[0-9a-f]{32}"), b.id());
        assertNotEquals(a.id(), b.id());
    }

    @Test
    void deactivationClosesSessionsCancelsCallsAndStopsThreads() {
        start(new ServerSettings("s", 4, 4, 10));
        BlockingTool blocking = new BlockingTool();
        addTool(1, 0, Map.of(McpTool.NAME, "slow"), blocking);
        RecordingSink events = new RecordingSink();
        RecordingSink replies = new RecordingSink();
        McpSession session = initialized(server, events, replies);
        RecordingSink closedEarly = new RecordingSink();
        server.open("test", closedEarly).close();
        session.receive(call(1, "slow"), replies);
        Await.await(blocking.started, "the call to run");
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("smcp-call-")));

        server.deactivate();
        server = null;

        Await.await(blocking.observedCancellation, "the tool to observe cancellation");
        assertFalse(session.isOpen());
        assertEquals(1, events.closes(), "the session sink is told once");
        assertEquals(0, closedEarly.closes(), "sessions the transport closed are not closed again");
        assertEquals(Receipt.CLOSED, session.receive("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}", replies));
        Await.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && (t.getName().startsWith("smcp-call-")
                        || t.getName().startsWith("smcp-notify-"))),
                "smcp-call and smcp-notify threads to end");
        assertTrue(replies.isEmpty(), () -> replies.drain().toString());
        assertEquals(List.of(), events.drainIgnoringListChanged());
    }

    @Test
    void openingASessionOnAStoppedServerFails() {
        McpServer stopped = new McpServer(ServerSettings.defaults(), "1");
        stopped.deactivate();
        assertThrows(IllegalStateException.class, () -> stopped.open("test", new RecordingSink()));
    }

    @Test
    void settingsAreCorrected() {
        ServerSettings settings = new ServerSettings(" ", 0, -3, -1);
        assertEquals("smcp-osgi", settings.serverName());
        assertEquals(1, settings.maxConcurrentCalls());
        assertEquals(0, settings.maxQueuedCalls());
        assertEquals(0, settings.listChangedDebounceMillis());
        ServerSettings defaults = ServerSettings.defaults();
        assertEquals(new ServerSettings("smcp-osgi", 64, 256, 100), defaults);
    }

    @Test
    void bundleVersionsAreWrittenTheMavenWay() {
        assertEquals("0.1.0-SNAPSHOT", McpServer.mavenVersion(Version.parseVersion("0.1.0.SNAPSHOT")));
        assertEquals("1.2.3", McpServer.mavenVersion(Version.parseVersion("1.2.3")));
        assertEquals("2.0.0", McpServer.mavenVersion(Version.parseVersion("2")));
        assertEquals("1.0.0-RC1", McpServer.mavenVersion(Version.parseVersion("1.0.0.RC1")));
    }
}
