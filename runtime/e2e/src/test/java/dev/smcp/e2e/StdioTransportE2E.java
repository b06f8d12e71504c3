package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The stdio transport ({@code smcp.jar --stdio}): the official MCP Java SDK client starting the server itself, and raw
 * lines on stdin/stdout for the framing, the errors, a clean stdout and the end of stdin.
 */
class StdioTransportE2E {

    @TempDir
    Path temp;

    @Test
    void theSdkClientStartsTheServerListsAndCallsTools() {
        List<String> stderr = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = McpClients.stdio(SmcpServer.demoPlugins(), stderr::add)) {
            assertEquals("smcp-osgi", client.getServerInfo().name());
            long demoTools = client.listTools().tools().stream().filter(t -> t.name().startsWith("demo_")).count();
            assertEquals(7, demoTools, () -> String.join("\n", stderr));
            CallToolResult result = client.callTool(new CallToolRequest("demo_math__calculate",
                    Map.of("operation", "add", "a", 2, "b", 3)));
            assertFalse(result.isError(), DemoPluginsE2E.text(result));
            assertEquals(5.0, ((Number) DemoPluginsE2E.structured(result).get("result")).doubleValue());
        }
    }

    @Test
    void stdoutCarriesOnlyJsonRpcLinesAndBadLinesGetErrorsWithIdNull() throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.createDirectories(plugins.resolve("lab"));
        Files.copy(SmcpServer.labPlugins().resolve("lab/cli.py"), plugins.resolve("lab/cli.py"));
        // a Java plugin that prints to System.out when it starts and when called
        LabJavaPlugin.build(plugins.resolve("lab_noisy.jar"), "lab_noisy", "1.0.0", "lab_noisy__ask", "forty-two", true,
                temp.resolve("work"));

        try (RawStdioServer server = RawStdioServer.start(plugins)) {
            assertEquals(Set.of(), server.listeningPorts(), "no TCP port without --http");

            server.send("this is not json");
            Map<String, Object> parseError = json(server.next(60));
            assertTrue(parseError.containsKey("id") && parseError.get("id") == null, parseError.toString());
            assertEquals(-32700, ((Map<?, ?>) parseError.get("error")).get("code"));

            server.send("");
            server.send("   \r");
            String init = server.initialize();
            assertTrue(init.contains("\"id\":\"init\"") && init.contains("\"protocolVersion\":\"2025-06-18\""), init);

            server.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
            String list = server.nextContaining("\"id\":2", 60);
            assertTrue(list.contains("\"lab__sleep\"") && list.contains("\"lab_noisy__ask\""), list);

            server.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"lab_noisy__ask\"}}");
            String answer = server.nextContaining("\"id\":3", 60);
            assertTrue(answer.contains("forty-two") && answer.contains("\"isError\":false"), answer);

            byte[] huge = new byte[5 * 1024 * 1024 + 1];
            Arrays.fill(huge, (byte) ' ');
            huge[0] = '[';
            huge[huge.length - 2] = ']';
            huge[huge.length - 1] = '\n';
            server.sendRaw(huge);
            String tooLong = server.nextContaining("-32600", 60);
            assertTrue(tooLong.contains("\"id\":null") && tooLong.contains("longer than the limit of 4194304 bytes"),
                    tooLong);

            server.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}");
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}", server.nextContaining("\"id\":4", 60));

            server.closeStdin();
            assertEquals(0, server.awaitExit(60), server.stderr());

            List<String> stdout = server.stdout();
            for (String line : stdout) {
                assertEquals("2.0", json(line).get("jsonrpc"), line);
            }
            // the blank lines were not answered: the only id-less answers are the two errors
            assertEquals(2, stdout.stream().filter(l -> l.contains("\"id\":null")).count(), stdout.toString());
            assertTrue(server.stderr().contains("lab_noisy was here"), "System.out goes to stderr");
            assertTrue(server.stderr().contains(" ready: MCP on stdin/stdout"), server.stderr());
        }
    }

    @Test
    void closingStdinDuringASlowCallExits0AndLeavesNoPluginProcess() throws Exception {
        Path pidFile = temp.resolve("pids");
        try (RawStdioServer server = RawStdioServer.start(SmcpServer.labPlugins())) {
            server.initialize();
            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__sleep\","
                    + "\"arguments\":{\"seconds\":300,\"pid_file\":\"" + pidFile + "\"}}}");
            List<Long> pids = LabProcesses.awaitPids(pidFile);
            server.closeStdin();
            assertEquals(0, server.awaitExit(60), server.stderr());
            LabProcesses.assertGone(pids);
        }
    }

    @Test
    void withHttpTheSseEndpointIsServedToo() throws Exception {
        int port = SmcpServer.freePort();
        try (RawStdioServer server = RawStdioServer.start(SmcpServer.demoPlugins(), "--http", "--port",
                Integer.toString(port))) {
            assertTrue(server.listeningPorts().contains(port), server.stderr());
            HttpResponse<Stream<String>> sse = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sse")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = sse.body()) {
                assertEquals(200, sse.statusCode());
                assertEquals("event: endpoint", lines.findFirst().orElse(""));
            }
            String init = server.initialize();
            assertTrue(init.contains("\"serverInfo\""), init);
            server.closeStdin();
            assertEquals(0, server.awaitExit(60), server.stderr());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String line) throws Exception {
        return McpJsonDefaults.getMapper().readValue(line, Map.class);
    }
}
