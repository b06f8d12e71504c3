package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The example Java plugin ({@code dev.smcp.plugin.clock}, part of the distribution's bundle set) served by the real
 * runtime next to the CLI plugins, driven by the official MCP Java SDK client; stopped, started, uninstalled and
 * installed again from the console.
 */
class JavaPluginE2E {

    private static final List<String> CLOCK_TOOLS = List.of("clock__add", "clock__convert", "clock__difference",
            "clock__now");
    private static final Pattern INSTALLED = Pattern.compile("Bundle ID: (\\d+)");
    private static final Pattern CLOCK_BUNDLE = Pattern.compile("(\\d+)\\s*\\|\\s*Active\\s*\\|.*SMCP plugin clock");

    @Test
    void clockToolsAreListedNextToTheCliPluginsAndCallable() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of());
                McpSyncClient client = McpClients.sse(server)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            List<String> names = tools.stream().map(McpSchema.Tool::name).toList();
            assertEquals(CLOCK_TOOLS, names.stream().filter(n -> n.startsWith("clock__")).toList());
            assertEquals(7, names.stream().filter(n -> n.startsWith("demo_")).count(), names::toString);
            McpSchema.Tool convert = tools.stream().filter(t -> t.name().equals("clock__convert")).findFirst()
                    .orElseThrow();
            assertTrue(convert.description().startsWith("Convert a date-time"), convert.description());
            assertEquals("object", convert.inputSchema().get("type"));
            assertEquals(List.of("date_time", "to_zone"), convert.inputSchema().get("required"));

            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            CallToolResult now = client.callTool(new CallToolRequest("clock__now", Map.of("zone", "Asia/Tokyo")));
            Instant after = Instant.now();
            assertFalse(now.isError(), () -> DemoPluginsE2E.text(now));
            Map<String, Object> structured = DemoPluginsE2E.structured(now);
            assertEquals("Asia/Tokyo", structured.get("zone"));
            assertEquals("+09:00", structured.get("offset"));
            Instant instant = Instant.parse((String) structured.get("instant"));
            assertTrue(!instant.isBefore(before) && !instant.isAfter(after), before + " <= " + instant + " <= " + after);
            assertEquals(instant.getEpochSecond(), ((Number) structured.get("epoch_seconds")).longValue());
            assertTrue(DemoPluginsE2E.text(now).startsWith("{\"instant\":\""), DemoPluginsE2E.text(now));

            CallToolResult difference = client.callTool(new CallToolRequest("clock__difference",
                    Map.of("start", "2026-11-24T09:30:00Z", "end", "2026-11-25T13:00:00+01:00")));
            assertEquals(95400, ((Number) DemoPluginsE2E.structured(difference).get("seconds")).intValue());
            assertEquals("P1DT2H30M", DemoPluginsE2E.structured(difference).get("duration"));
        }
    }

    @Test
    void badArgumentsAreInvalidArgumentsNamingTheField() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.labPlugins(), Map.of());
                McpSyncClient client = McpClients.sse(server)) {
            CallToolResult result = client.callTool(new CallToolRequest("clock__now", Map.of("zone", "Mars/Olympus")));
            assertTrue(result.isError());
            String message = "zone: unknown time zone \"Mars/Olympus\" (expected an IANA time zone such as "
                    + "Europe/Paris or UTC, or an offset such as +05:30)";
            assertEquals(message, DemoPluginsE2E.text(result));
            assertEquals(Map.of("code", "invalid_arguments", "message", message),
                    DemoPluginsE2E.structured(result).get("error"));

            CallToolResult missing = client.callTool(new CallToolRequest("clock__add", Map.of("duration", 30)));
            assertTrue(missing.isError());
            assertEquals("duration: expected string, got number 30", DemoPluginsE2E.text(missing));
        }
    }

    @Test
    void stoppingOrUninstallingThePluginBundleFromTheConsoleTakesTheToolsAwayAndTellsTheClient() throws Exception {
        int port = SmcpServer.freePort();
        Process process = SmcpServer.launchWithStdin(Map.of(), List.of("--console", "--port", Integer.toString(port),
                "--plugins-dir", SmcpServer.labPlugins().toString()));
        BlockingQueue<List<String>> changes = new LinkedBlockingQueue<>();
        try (SmcpServer server = new SmcpServer(port, process).awaitReady();
                McpSyncClient client = McpClient.sync(HttpClientSseClientTransport.builder(server.baseUrl())
                        .sseEndpoint("/sse").build()).requestTimeout(Duration.ofSeconds(60))
                        .toolsChangeConsumer(tools -> changes.add(tools.stream().map(McpSchema.Tool::name).toList()))
                        .clientInfo(new McpSchema.Implementation("smcp-e2e", "1.0.0")).build()) {
            client.initialize();
            assertTrue(client.listTools().tools().stream().anyMatch(t -> t.name().equals("clock__now")));

            OutputStream console = process.getOutputStream();
            command(console, "lb");
            assertTrue(server.awaitLog("SMCP plugin clock", 30), server.log());
            Matcher bundle = CLOCK_BUNDLE.matcher(server.log());
            assertTrue(bundle.find(), server.log());

            command(console, "stop " + bundle.group(1));
            List<String> afterStop = awaitChange(changes, tools -> tools.stream().noneMatch(n -> n.startsWith("clock__")),
                    server);
            assertTrue(afterStop.contains("lab__sleep"), afterStop::toString);
            McpError gone = assertThrows(McpError.class,
                    () -> client.callTool(new CallToolRequest("clock__now", Map.of())));
            assertTrue(String.valueOf(gone.getJsonRpcError().data()).contains("tool_not_found"), gone::toString);

            command(console, "start " + bundle.group(1));
            awaitChange(changes, tools -> tools.containsAll(CLOCK_TOOLS), server);
            assertFalse(client.callTool(new CallToolRequest("clock__now", Map.of())).isError());

            // uninstalled, then installed again from its jar the way docs/plugin-development.md tells
            command(console, "uninstall " + bundle.group(1));
            awaitChange(changes, tools -> tools.stream().noneMatch(n -> n.startsWith("clock__")), server);
            command(console, "install " + clockJar().toUri());
            assertTrue(server.awaitLog("Bundle ID: ", 30), server.log());
            Matcher installed = INSTALLED.matcher(server.log());
            assertTrue(installed.find(), server.log());
            command(console, "start " + installed.group(1));
            awaitChange(changes, tools -> tools.containsAll(CLOCK_TOOLS), server);
            assertFalse(client.callTool(new CallToolRequest("clock__now", Map.of())).isError());
        }
    }

    /** @return the clock plugin's jar in the distribution's bundle set */
    private static Path clockJar() throws IOException {
        try (Stream<Path> jars = Files.list(SmcpServer.distribution().resolve("bundles"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("dev.smcp.plugin.clock-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no clock bundle in the distribution"));
        }
    }

    /** @return the first tool list the client was sent (on tools/list_changed) that matches, within 60 s */
    private static List<String> awaitChange(BlockingQueue<List<String>> changes, Predicate<List<String>> condition,
            SmcpServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (List<String> tools; (tools = changes.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null;) {
            if (condition.test(tools)) {
                return tools;
            }
        }
        throw new AssertionError("no matching tools/list_changed within 60 s; log:\n" + server.log());
    }

    private static void command(OutputStream console, String line) throws Exception {
        console.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        console.flush();
    }
}
