package dev.smcp.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.osgi.framework.Version;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.PluginRuntime;
import dev.smcp.api.runtime.ScanDTO;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;

class SmcpCommandsTest {

    private static final long WAIT_SECONDS = 30;

    private final SmcpCommands commands = new SmcpCommands("1.2.3", ZoneOffset.UTC);
    private final FakeSessionManager sessions = new FakeSessionManager();
    private final ServerDTO server = new ServerDTO();
    private ScanDTO scan;

    SmcpCommandsTest() {
        server.protocolVersions = new String[] { "2025-11-25", "2025-06-18" };
        server.tools = new ToolDTO[] { Dtos.tool("demo_math__calculate", "demo_math", 12, "Add two numbers.") };
        server.sessions = new SessionDTO[] { Dtos.session("4f0c8d6e1b2a4c3d9e8f7a6b5c4d3e2f", "sse", "2025-06-18",
                "smcp-e2e", "1.0.0", 1) };
    }

    private void allServices() {
        PluginDTO[] plugins = { Dtos.plugin("demo_math", PluginDTO.STATE_ACTIVE, 12, null, "demo_math__calculate"),
                Dtos.plugin("twice", PluginDTO.STATE_ACTIVE, 20, null),
                Dtos.plugin("twice", PluginDTO.STATE_STOPPED, 21, null) };
        commands.pluginRuntime = new PluginRuntime() {
            @Override
            public PluginDTO[] getPlugins() {
                return plugins;
            }

            @Override
            public ScanDTO rescan() {
                return scan;
            }
        };
        commands.serverRuntime = () -> server;
        commands.sessionManager = sessions;
    }

    private static void assertFailsWith(String expected, Executable command) {
        IllegalStateException e = assertThrows(IllegalStateException.class, command);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void missingServicesAreOneLineMessagesNamingTheBundle() {
        String plugins = "The plugins are not available: no PluginRuntime service (is bundle dev.smcp.plugins "
                + "active?)";
        String protocol = "The MCP server is not available: no MCP server service (is bundle dev.smcp.protocol "
                + "active?)";
        assertFailsWith(plugins, commands::plugins);
        assertFailsWith(plugins, () -> commands.plugin("demo_math"));
        assertFailsWith(plugins, commands::rescan);
        assertFailsWith(protocol, commands::tools);
        assertFailsWith(protocol, commands::sessions);
        assertFailsWith(protocol, () -> commands.call(0, "demo_math__calculate"));
        commands.serverRuntime = () -> server;
        assertFailsWith(protocol, () -> commands.call(0, "demo_math__calculate"));
        assertTrue(commands.tools().startsWith("TOOL"), "the other commands keep working");
    }

    @Test
    void listsFromTheServices() {
        allServices();
        assertTrue(commands.plugins().lines().anyMatch(l -> l.matches("demo_math +cli +active +12 +1 +describe +-")),
                commands.plugins());
        assertTrue(commands.tools().contains("demo_math__calculate  demo_math      12  Add two numbers."),
                commands.tools());
        assertTrue(commands.sessions().contains("smcp-e2e 1.0.0"), commands.sessions());
    }

    @Test
    void pluginByName() {
        allServices();
        assertTrue(commands.plugin("demo_math").startsWith("name:           demo_math\n"));
        String both = commands.plugin("twice");
        assertTrue(both.contains("bundle:         20\n") && both.contains("\n\nname:           twice\n")
                && both.contains("bundle:         21\n"), both);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.plugin("nope"));
        assertEquals("No plugin named nope (smcp:plugins lists the plugins)", e.getMessage());
    }

    @Test
    void rescanShowsWhatTheScanDid() {
        allServices();
        scan = new ScanDTO();
        scan.directory = "/srv/plugins";
        scan.unchanged = new String[] { "demo_math" };
        scan.complete = true;
        assertTrue(commands.rescan().contains("unchanged      1  demo_math"), commands.rescan());
    }

    @Test
    void aCallIsAClientConversationInASessionOfItsOwn() {
        allServices();
        sessions.toolsCall = request -> FakeSessionManager.response(request,
                "{\"content\":[{\"type\":\"text\",\"text\":\"5\"}],\"isError\":false,\"structuredContent\":"
                        + "{\"result\":5.0}}");
        String output = commands.call(0, "demo_math__calculate", "operation=add", "a=2", "b=3");
        assertEquals(String.join("\n", "demo_math__calculate: ok", "text:", "5", "structured content:", "{",
                "  \"result\": 5.0", "}"), output);

        assertEquals(1, sessions.sessions.size());
        FakeSessionManager.FakeSession session = sessions.sessions.get(0);
        assertEquals("console", session.transport);
        assertFalse(session.isOpen(), "closed after the call");
        List<JsonNode> received = session.received;
        assertEquals(3, received.size(), received.toString());
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"smcp-console\",\"version\":"
                + "\"1.2.3\"}}}", Json.compact(received.get(0)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", Json.compact(received.get(1)));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"demo_math__calculate\",\"arguments\":{\"operation\":\"add\",\"a\":2,\"b\":3}}}",
                Json.compact(received.get(2)));
    }

    @Test
    void aCallTakesOneJsonObject() {
        allServices();
        commands.call(0, "demo_math__calculate", "{\"operation\": \"multiply\", \"a\": 6, \"b\": 7.5}");
        assertEquals("{\"operation\":\"multiply\",\"a\":6,\"b\":7.5}",
                Json.compact(sessions.sessions.get(0).received.get(2).path("params").path("arguments")));
        commands.call(0, "demo_math__coin_flip");
        assertEquals("{}", Json.compact(sessions.sessions.get(1).received.get(2).path("params").path("arguments")));
    }

    @Test
    void badArgumentsOpenNoSession() {
        allServices();
        assertThrows(IllegalArgumentException.class, () -> commands.call(0, "demo_math__calculate", "add"));
        assertTrue(sessions.sessions.isEmpty());
    }

    @Test
    void aProtocolErrorIsShownWithItsCode() {
        allServices();
        sessions.toolsCall = request -> "{\"jsonrpc\":\"2.0\",\"id\":" + request.get("id")
                + ",\"error\":{\"code\":-32602,\"message\":\"Unknown tool: nope\"}}";
        assertEquals("nope: ERROR -32602: Unknown tool: nope", commands.call(0, "nope"));
        assertFalse(sessions.sessions.get(0).isOpen());
    }

    @Test
    void interruptingTheCallCancelsItAndClosesTheSession() throws Exception {
        allServices();
        sessions.toolsCall = request -> null;
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            output.complete(commands.call(0, "lab__sleep", "seconds=600"));
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(sessions.callReceived.await(WAIT_SECONDS, TimeUnit.SECONDS));
        caller.interrupt();
        assertEquals("lab__sleep: INTERRUPTED: the call was cancelled and its session closed",
                output.get(WAIT_SECONDS, TimeUnit.SECONDS));
        caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertTrue(interruptedAfter.get(), "the interrupt status is kept for Gogo");
        assertFalse(sessions.sessions.get(0).isOpen());
    }

    @Test
    void deactivationEndsTheCallsInProgress() throws Exception {
        allServices();
        sessions.toolsCall = request -> null;
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> commands.call(0, "lab__sleep"));
        assertTrue(sessions.callReceived.await(WAIT_SECONDS, TimeUnit.SECONDS));
        commands.deactivate();
        assertTrue(output.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("lab__sleep: ERROR: the session was closed"));
        assertFalse(sessions.sessions.get(0).isOpen());

        String after = commands.call(0, "demo_math__coin_flip");
        assertTrue(after.startsWith("demo_math__coin_flip: ERROR: the session was closed"), after);
        assertFalse(sessions.sessions.get(1).isOpen());
        assertEquals(0, sessions.sessions.get(1).received.size(), "nothing sent after deactivation");
    }

    @Test
    void theServerClosingTheSessionEndsTheCall() throws Exception {
        allServices();
        sessions.toolsCall = request -> null;
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> commands.call(0, "lab__sleep"));
        assertTrue(sessions.callReceived.await(WAIT_SECONDS, TimeUnit.SECONDS));
        sessions.sessions.get(0).closeByServer();
        assertTrue(output.get(WAIT_SECONDS, TimeUnit.SECONDS).startsWith("lab__sleep: ERROR: the session was closed"));
    }

    @Test
    void aTimeoutCancelsTheCall() {
        allServices();
        sessions.toolsCall = request -> null;
        assertEquals("lab__sleep: TIMED OUT after 0.05 s: the call was cancelled and its session closed",
                commands.call(0.05, "lab__sleep"));
        assertFalse(sessions.sessions.get(0).isOpen());
    }

    @Test
    void theClientVersionIsTheBundleVersionAsMavenWritesIt() {
        assertEquals("0.1.0-SNAPSHOT", SmcpCommands.mavenVersion(new Version(0, 1, 0, "SNAPSHOT")));
        assertEquals("1.2.3", SmcpCommands.mavenVersion(new Version(1, 2, 3)));
    }
}
