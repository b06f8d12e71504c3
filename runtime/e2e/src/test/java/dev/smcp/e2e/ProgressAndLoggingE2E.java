package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.LoggingLevel;
import io.modelcontextprotocol.spec.McpSchema.LoggingMessageNotification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;

/**
 * A CLI plugin's progress and log lines on standard error reach an MCP Java SDK client as
 * {@code notifications/progress} (when it sent a progress token) and {@code notifications/message} (once it set its
 * log level), and never before it asked.
 */
class ProgressAndLoggingE2E {

    private static final String CLI = String.join("\n",
            "import json, sys",
            "DESCRIBE = {'contract_version': '1.0', 'commands': [{'name': 'steps', 'parameters': []}]}",
            "if sys.argv[1:] == ['--describe']:",
            "    print(json.dumps(DESCRIBE))",
            "else:",
            "    for i in range(1, 4):",
            "        print(json.dumps({'progress': i, 'total': 3, 'message': 'step %d' % i}), file=sys.stderr)",
            "    print('working quietly', file=sys.stderr)",
            "    print(json.dumps({'done': True}))",
            "");

    @Test
    void progressAndLogLinesReachTheClientThatAskedForThem(@TempDir Path plugins) throws Exception {
        Path plugin = Files.createDirectories(plugins.resolve("stepper"));
        Files.writeString(plugin.resolve("cli.py"), CLI);
        List<ProgressNotification> progress = new CopyOnWriteArrayList<>();
        List<LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();
        try (SmcpServer server = SmcpServer.start(plugins, Map.of())) {
            McpSyncClient client = McpClient.sync(HttpClientSseClientTransport.builder(server.baseUrl())
                    .sseEndpoint("/sse").build()).requestTimeout(Duration.ofSeconds(60))
                    .clientInfo(new McpSchema.Implementation("smcp-e2e-progress", "1.0.0"))
                    .progressConsumer(progress::add).loggingConsumer(logs::add).build();
            try {
                McpSchema.InitializeResult init = client.initialize();
                assertNotNull(init.capabilities().logging(), "logging is advertised");

                CallToolResult plain = client.callTool(new CallToolRequest("stepper__steps", Map.of()));
                assertFalse(plain.isError());
                assertTrue(progress.isEmpty() && logs.isEmpty(), "nothing asked for, nothing sent");

                client.setLoggingLevel(LoggingLevel.DEBUG);
                CallToolResult tracked = client.callTool(CallToolRequest.builder().name("stepper__steps")
                        .arguments(Map.of()).progressToken("steps-1").build());
                assertFalse(tracked.isError());
                // notifications come on the same stream before the response, but the SDK hands them on async
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while ((progress.size() < 3 || logs.isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(List.of(1.0, 2.0, 3.0), progress.stream().map(ProgressNotification::progress).toList());
                assertTrue(progress.stream().allMatch(p -> "steps-1".equals(p.progressToken())
                        && Double.valueOf(3.0).equals(p.total())), progress.toString());
                assertEquals(1, logs.size(), logs.toString());
                assertEquals(LoggingLevel.DEBUG, logs.get(0).level());
                assertEquals("stepper__steps", logs.get(0).logger());
                assertEquals("working quietly", String.valueOf(logs.get(0).data()));
            } finally {
                client.closeGracefully();
            }
        }
    }
}
