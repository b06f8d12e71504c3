package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.ListToolsResult;

/** The launcher's conf/ directory, setting flags and log file, seen from a real client. */
class ConfDirectoryE2E {

    @TempDir
    Path temp;

    @Test
    void aBadValueInAConfFileStopsTheStartWithExit2NamingFileAndSetting() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Files.writeString(conf.resolve("dev.smcp.protocol.cfg"), "toolsPageSize = lots\n");
        Process process = SmcpServer.launch(Map.of(), List.of("--port", "0", "--conf", conf.toString(),
                "--log-dir", temp.resolve("logs").toString(), "--plugins-dir", SmcpServer.demoPlugins().toString()));
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.exitValue(), output);
        assertTrue(output.contains("dev.smcp.protocol.cfg") && output.contains("toolsPageSize")
                && output.contains("lots"), output);
    }

    @Test
    void confFilesApplyAtStartAndLiveAndFlagsWinOverThem() throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Path logs = temp.resolve("logs");
        Path protocol = conf.resolve("dev.smcp.protocol.json");
        Files.writeString(protocol, "{\"toolsPageSize\": 2}");
        Files.writeString(conf.resolve("dev.smcp.plugins.cfg"), "directory = " + temp.resolve("nowhere") + "\n");
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of("MCP_API_KEY", "k-e2e-5ecret"),
                "--conf", conf.toString(), "--log-dir", logs.toString())) {
            try (McpSyncClient client = McpClients.sse(server)) {
                ListToolsResult first = client.listTools(null);
                assertEquals(2, first.tools().size());
                assertNotNull(first.nextCursor());
            }

            Files.writeString(protocol, "{\"toolsPageSize\": \"many\"}");
            assertTrue(server.awaitLog("the previous configuration of dev.smcp.protocol stays in effect", 30),
                    server.log());
            Files.writeString(protocol, "{\"toolsPageSize\": 3}");
            assertEquals(3, awaitPageSize(server, 3));

            String logFile = Files.readString(logs.resolve("smcp.log"));
            assertTrue(logFile.contains(" ready: "), logFile);
            assertTrue(!logFile.contains("k-e2e-5ecret") && !server.log().contains("k-e2e-5ecret"));
        }
    }

    /** A protocol configuration change restarts the protocol component, so each try opens a new session. */
    private static int awaitPageSize(SmcpServer server, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int size = -1;
        while (System.nanoTime() < deadline) {
            try (McpSyncClient client = McpClients.sse(server)) {
                size = client.listTools(null).tools().size();
                if (size == expected) {
                    return size;
                }
            } catch (RuntimeException e) {
                // the component was being replaced; try again
            }
            Thread.sleep(200);
        }
        return size;
    }
}
