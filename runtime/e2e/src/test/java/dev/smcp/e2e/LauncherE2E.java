package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** The standalone launcher as a user meets it: flags, environment, errors, console, shutdown. */
class LauncherE2E {

    @TempDir
    Path temp;

    @Test
    void portInUseIsAOneLineErrorAndExit1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Process process = SmcpServer.launch(Map.of(), List.of("--port", Integer.toString(busy.getLocalPort())));
            String output = finish(process);
            assertEquals(1, process.exitValue(), output);
            assertEquals(1, output.lines().count(), output);
            assertTrue(output.contains("cannot listen on 127.0.0.1:" + busy.getLocalPort()), output);
        }
    }

    @Test
    void badFlagsAndValuesAreOneLineErrorsAndExit2() throws Exception {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--port", "http"), List.of("--port"),
                List.of("--plugin-timeout", "soon"), List.of("--max-plugin-processes", "0"),
                List.of("--max-queued-calls=-1"), List.of("--console=yes"))) {
            Process process = SmcpServer.launch(Map.of(), args);
            String output = finish(process);
            assertEquals(2, process.exitValue(), args + ": " + output);
            assertEquals(1, output.lines().count(), output);
        }
        Process badEnv = SmcpServer.launch(Map.of("MCP_PORT", "eighty"), List.of());
        String output = finish(badEnv);
        assertEquals(2, badEnv.exitValue());
        assertTrue(output.contains("MCP_PORT"), output);
    }

    @Test
    void helpAndVersion() throws Exception {
        Process help = SmcpServer.launch(Map.of(), List.of("--help"));
        String usage = finish(help);
        assertEquals(0, help.exitValue());
        assertTrue(usage.contains("--plugins-dir") && usage.contains("MCP_PLUGIN_TIMEOUT"), usage);
        Process version = SmcpServer.launch(Map.of(), List.of("--version"));
        assertTrue(finish(version).contains("0.1.0-SNAPSHOT"));
    }

    @Test
    void environmentVariablesConfigureThePortAndPluginsDirectory() throws Exception {
        int port = SmcpServer.freePort();
        Process process = SmcpServer.launch(Map.of("MCP_PORT", Integer.toString(port), "MCP_PLUGINS_DIR",
                SmcpServer.demoPlugins().toString()), List.of());
        try (SmcpServer server = new SmcpServer(port, process).awaitReady();
                McpSyncClient client = McpClients.sse(server)) {
            assertEquals(7, demoTools(client));
        }
    }

    @Test
    void pluginTimeoutKillsThePluginTree() throws Exception {
        Path pidFile = temp.resolve("pids");
        try (SmcpServer server = SmcpServer.start(SmcpServer.labPlugins(), Map.of(), "--plugin-timeout", "1");
                McpSyncClient client = McpClients.sse(server)) {
            CallToolResult result = client.callTool(new CallToolRequest("lab__sleep",
                    Map.of("seconds", 300, "pid_file", pidFile.toString())));
            assertTrue(result.isError());
            assertEquals("Plugin command timed out after 1.0 seconds", DemoPluginsE2E.text(result));
            assertEquals("timeout", ((Map<?, ?>) DemoPluginsE2E.structured(result).get("error")).get("code"));
            LabProcesses.assertGone(LabProcesses.awaitPids(pidFile));
        }
    }

    @Test
    void callsBeyondTheProcessLimitAndQueueAreTurnedAwayAsBusy() throws Exception {
        Path pidFile = temp.resolve("pids");
        try (SmcpServer server = SmcpServer.start(SmcpServer.labPlugins(), Map.of("MCP_MAX_QUEUED_CALLS", "0"),
                "--max-plugin-processes", "1");
                RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__sleep\","
                    + "\"arguments\":{\"seconds\":300,\"pid_file\":\"" + pidFile + "\"}}}");
            List<Long> pids = LabProcesses.awaitPids(pidFile);
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__fail_stderr\"}}");
            String busy = sse.next(60).data();
            assertTrue(busy.contains("\"id\":2") && busy.contains("\"isError\":true") && busy.contains("\"busy\"")
                    && busy.contains("too many plugin processes: 1 running and 0 waiting"), busy);
            sse.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
            LabProcesses.assertGone(pids);
        }
    }

    @Test
    void sigtermWhileACallRunsStopsCleanlyExits0AndLeavesNoProcess() throws Exception {
        Path pidFile = temp.resolve("pids");
        SmcpServer server = SmcpServer.start(SmcpServer.labPlugins(), Map.of());
        try (RawSseClient sse = new RawSseClient(server)) {
            sse.initialize();
            sse.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__sleep\","
                    + "\"arguments\":{\"seconds\":300,\"pid_file\":\"" + pidFile + "\"}}}");
            List<Long> pids = LabProcesses.awaitPids(pidFile);
            assertEquals(0, server.stop(), server.log());
            LabProcesses.assertGone(pids);
        } finally {
            server.close();
        }
    }

    @Test
    void keepsServingWithStdinClosed() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of())) {
            Thread.sleep(2000);
            assertTrue(server.process.isAlive(), server.log());
            try (McpSyncClient client = McpClients.sse(server)) {
                assertEquals(7, demoTools(client));
            }
        }
    }

    @Test
    void consoleListsOneBundlePerPluginAndStopsOnStop0() throws Exception {
        int port = SmcpServer.freePort();
        Process process = SmcpServer.launchWithStdin(Map.of(), List.of("--console", "--port", Integer.toString(port),
                "--plugins-dir", SmcpServer.demoPlugins().toString()));
        try (SmcpServer server = new SmcpServer(port, process).awaitReady()) {
            OutputStream console = process.getOutputStream();
            console.write("lb\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            assertTrue(server.awaitLog("SMCP plugin demo_math", 30), server.log());
            assertTrue(server.awaitLog("SMCP plugin demo_text", 30), server.log());
            console.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            console.flush();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), server.log());
            assertEquals(0, process.exitValue(), server.log());
        }
    }

    /** @return how many of the listed tools come from the demo CLI plugins */
    private static long demoTools(McpSyncClient client) {
        return client.listTools().tools().stream().filter(t -> t.name().startsWith("demo_")).count();
    }

    static String finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return output.strip();
    }
}
