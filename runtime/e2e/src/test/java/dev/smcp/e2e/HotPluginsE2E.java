package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/**
 * Hot plugins as a user meets them: with the server running and an MCP Java SDK client connected, plugin directories
 * are copied in, edited and deleted, and the client hears of each change and sees it in {@code tools/list}.
 */
class HotPluginsE2E {

    @TempDir
    Path plugins;

    private SmcpServer server;
    private McpSyncClient client;
    /** The tool names the client fetched after each list_changed notification, without the runtime's own. */
    private final BlockingQueue<List<String>> changes = new LinkedBlockingQueue<>();
    /** The tools of the runtime's own bundles (clock, promptyoself), there before any plugin. */
    private volatile List<String> baseline = List.of();

    @BeforeEach
    void serveAnEmptyDirectory() throws Exception {
        server = SmcpServer.start(plugins, Map.of());
        client = McpClients.sse(server, tools -> changes.add(withoutBaseline(tools)));
        assertTrue(client.getServerCapabilities().tools().listChanged());
        baseline = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(baseline.stream().allMatch(name -> name.startsWith("clock__") || name.equals("health")
                || name.startsWith("promptyoself__")), baseline.toString());
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDemoPluginCopiedInIsCallableAndGoesWhenDeleted() throws Exception {
        Path copy = PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_text"),
                plugins.resolve("live_text"));
        List<String> tools = awaitChange(list -> list.contains("live_text__slugify"));
        assertEquals(List.of("live_text__echo", "live_text__hash_preview", "live_text__slugify",
                "live_text__word_count"), tools);
        CallToolResult slug = client.callTool(new CallToolRequest("live_text__slugify",
                Map.of("title", "Dropped In Live")));
        assertFalse(slug.isError(), text(slug));
        assertTrue(text(slug).contains("dropped-in-live"), text(slug));

        PluginTrees.deleteTree(copy);
        awaitChange(List::isEmpty);
        assertTrue(withoutBaseline(client.listTools().tools()).isEmpty());
    }

    @Test
    void anEditedPluginIsProbedAgain() throws Exception {
        Path plugin = Files.createDirectories(plugins.resolve("edited"));
        writeCli(plugin, "first");
        awaitChange(list -> list.equals(List.of("edited__first")));

        writeCli(plugin, "first", "second");
        awaitChange(list -> list.equals(List.of("edited__first", "edited__second")));
        assertEquals(List.of("edited__first", "edited__second"), withoutBaseline(client.listTools().tools()));

        writeCli(plugin, "second");
        awaitChange(list -> list.equals(List.of("edited__second")));
    }

    @Test
    void aSymlinkedPluginDirectoryWorks(@TempDir Path elsewhere) throws Exception {
        Path real = Files.createDirectories(elsewhere.resolve("real"));
        writeCli(real, "linked");
        Files.createSymbolicLink(plugins.resolve("via_link"), real);
        awaitChange(list -> list.equals(List.of("via_link__linked")));
        CallToolResult result = client.callTool(new CallToolRequest("via_link__linked", Map.of()));
        assertTrue(text(result).contains("ran linked"), text(result));
    }

    @Test
    void aCallRunningWhileItsPluginIsRemovedFinishes() throws Exception {
        Path plugin = Files.createDirectories(plugins.resolve("leaving"));
        writeCli(plugin, "slow");
        awaitChange(list -> list.equals(List.of("leaving__slow")));

        CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(
                () -> client.callTool(new CallToolRequest("leaving__slow", Map.of())));
        Path pidFile = plugin.resolve(".slow.pid"); // hidden: not part of the plugin for the watcher
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); !Files.exists(pidFile)
                && System.nanoTime() < deadline;) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        PluginTrees.deleteTree(plugin);
        awaitChange(List::isEmpty);

        CallToolResult result = call.get(60, TimeUnit.SECONDS);
        assertNotNull(result);
        assertFalse(result.isError(), text(result));
        assertTrue(text(result).contains("ran slow"), text(result));
        LabProcesses.assertGone(List.of(pid));
    }

    @Test
    void aJavaPluginJarDroppedInContributesToolsAndGoesWhenDeleted(@TempDir Path work) throws Exception {
        Path jar = plugins.resolve("lab_answer.jar");
        LabJavaPlugin.build(jar, "lab_answer", "1.0.0", "lab_answer__ask", "forty-two", work.resolve("v1"));
        awaitChange(list -> list.equals(List.of("lab_answer__ask")));
        assertEquals("forty-two", text(client.callTool(new CallToolRequest("lab_answer__ask", Map.of()))));

        LabJavaPlugin.build(jar, "lab_answer", "1.0.1", "lab_answer__ask", "forty-three", work.resolve("v2"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String answer;
        do {
            Thread.sleep(100);
            try {
                answer = text(client.callTool(new CallToolRequest("lab_answer__ask", Map.of())));
            } catch (McpError e) {
                answer = e.getMessage(); // "Unknown tool" while the bundle restarts
            }
        } while (!answer.equals("forty-three") && System.nanoTime() < deadline);
        assertEquals("forty-three", answer, "the replaced jar updates the bundle");

        Files.delete(jar);
        awaitChange(List::isEmpty);
    }

    @Test
    void withNoWatchTheDirectoryIsScannedAtStartOnly(@TempDir Path unwatched) throws Exception {
        writeCli(Files.createDirectories(unwatched.resolve("early")), "here");
        try (SmcpServer noWatch = SmcpServer.start(unwatched, Map.of(), "--no-watch")) {
            McpSyncClient other = McpClients.sse(noWatch);
            try {
                assertEquals(List.of("early__here"), withoutBaseline(other.listTools().tools()));
                writeCli(Files.createDirectories(unwatched.resolve("late")), "missed");
                Thread.sleep(3_000); // longer than the quiet time and the poll interval together
                assertEquals(List.of("early__here"), withoutBaseline(other.listTools().tools()));
            } finally {
                other.closeGracefully();
            }
        }
    }

    /** @return the tool names, sorted, without those of the runtime's own bundles */
    private List<String> withoutBaseline(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).filter(name -> !baseline.contains(name)).sorted().toList();
    }

    /** Waits for a list_changed after which the tools match, skipping earlier ones. */
    private List<String> awaitChange(java.util.function.Predicate<List<String>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<String> tools = changes.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(tools, "no matching notifications/tools/list_changed within 60 s");
            if (wanted.test(tools)) {
                return tools;
            }
        }
    }

    /**
     * A plugin whose {@code --describe} lists the commands; each prints {@code {"result": "ran <name>"}}; the command
     * {@code slow} writes its pid to {@code .slow.pid} and takes 3 s. The file is written aside and moved into place.
     */
    static void writeCli(Path directory, String... commands) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String command : commands) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(command).append('"');
        }
        Path staging = directory.resolve(".cli.py.tmp");
        Files.writeString(staging, String.join("\n",
                "import json, os, sys, time",
                "NAME = os.path.basename(os.path.dirname(os.path.abspath(__file__)))",
                "COMMANDS = [" + list + "]",
                "if sys.argv[1:] == ['--describe']:",
                "    print(json.dumps({'contract_version': '1.0', 'plugin': {'name': NAME, 'version': '1'},",
                "        'commands': [{'name': c, 'description': 'runs ' + c, 'parameters': []} for c in COMMANDS]}))",
                "elif sys.argv[1:2] and sys.argv[1] in COMMANDS:",
                "    if sys.argv[1] == 'slow':",
                "        with open('.slow.pid.tmp', 'w') as f:",
                "            f.write(str(os.getpid()))",
                "        os.replace('.slow.pid.tmp', '.slow.pid')",
                "        time.sleep(3)",
                "    print(json.dumps({'result': 'ran ' + sys.argv[1]}))",
                "else:",
                "    sys.exit(2)",
                ""));
        Files.move(staging, directory.resolve("cli.py"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }



    private static String text(CallToolResult result) {
        StringBuilder out = new StringBuilder();
        for (McpSchema.Content content : result.content()) {
            if (content instanceof TextContent text) {
                out.append(text.text());
            }
        }
        return out.toString();
    }
}
