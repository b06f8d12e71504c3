package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The MCP behaviour every transport must carry unchanged, checked with the official MCP Java SDK client: the
 * handshake, ping, the demo tools, a successful call, a tool error, an unknown tool, and
 * {@code notifications/tools/list_changed} when a plugin appears.
 * <p>
 * A transport's subclass only says how to connect: {@link #connect} gets a plugins directory (a copy of the demo
 * plugins, which the test changes) and returns an initialized client and whatever must be closed after it (for
 * HTTP the server process; for stdio the client's transport starts the server itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProtocolConformance {

    /** The demo tools, the clock tools of the runtime's Java plugin bundle included. */
    static final List<String> DEMO_TOOLS = List.of("clock__add", "clock__convert", "clock__difference", "clock__now",
            "demo_math__calculate", "demo_math__coin_flip", "demo_math__format_bytes", "demo_text__echo",
            "demo_text__hash_preview", "demo_text__slugify", "demo_text__word_count", "health");

    /** What {@link #connect} returns. */
    record Connection(McpSyncClient client, AutoCloseable server) {
    }

    /**
     * Starts (or reaches) a server for {@code pluginsDir} and connects an initialized client.
     *
     * @param pluginsDir the plugins directory the server must watch
     * @param toolsChanged to be handed to the client's {@code toolsChangeConsumer}
     * @return the client, and what to close after it
     */
    protected abstract Connection connect(Path pluginsDir, Consumer<List<McpSchema.Tool>> toolsChanged)
            throws Exception;

    private final BlockingQueue<List<String>> changes = new LinkedBlockingQueue<>();
    private Path plugins;
    private Connection connection;
    private McpSyncClient client;

    @BeforeAll
    void connectToADemoPluginsCopy() throws Exception {
        plugins = Files.createTempDirectory("smcp-conformance");
        PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_math"), plugins.resolve("demo_math"));
        PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_text"), plugins.resolve("demo_text"));
        connection = connect(plugins, tools -> changes.add(tools.stream().map(McpSchema.Tool::name).toList()));
        client = connection.client();
    }

    @AfterAll
    void disconnect() throws Exception {
        try {
            if (client != null) {
                client.closeGracefully();
            }
            if (connection != null && connection.server() != null) {
                connection.server().close();
            }
        } finally {
            if (plugins != null) {
                PluginTrees.deleteTree(plugins);
            }
        }
    }

    @Test
    void initializeReportsServerInfoAndTheToolsListChangedCapability() {
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertEquals("smcp-osgi", init.serverInfo().name());
        assertNotNull(init.serverInfo().version());
        assertTrue(List.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25").contains(init.protocolVersion()),
                init.protocolVersion());
        assertTrue(init.capabilities().tools().listChanged());
    }

    @Test
    void ping() {
        assertNotNull(client.ping());
    }

    @Test
    void listsTheDemoTools() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertTrue(names.containsAll(DEMO_TOOLS), names.toString());
    }

    @Test
    void aDemoCallReturnsStructuredContent() {
        CallToolResult result = client.callTool(new CallToolRequest("demo_math__calculate",
                Map.of("operation", "add", "a", 2, "b", 3)));
        assertFalse(result.isError());
        assertEquals(5.0, ((Number) structured(result).get("result")).doubleValue());
    }

    @Test
    void aFailingToolIsAnErrorResult() {
        CallToolResult result = client.callTool(new CallToolRequest("demo_math__calculate",
                Map.of("operation", "divide", "a", 1, "b", 0)));
        assertTrue(result.isError());
        assertEquals(Map.of("code", "plugin_error", "message", "division_by_zero"), structured(result).get("error"));
    }

    @Test
    void anUnknownToolIsAJsonRpcError() {
        McpError error = assertThrows(McpError.class,
                () -> client.callTool(new CallToolRequest("no_such__tool", Map.of())));
        assertTrue(error.getMessage().contains("Unknown tool"), error.getMessage());
    }

    @Test
    void aPluginCopiedInIsAnnouncedWithListChanged() throws Exception {
        Path copy = PluginTrees.copyTree(SmcpServer.demoPlugins().resolve("demo_text"),
                plugins.resolve("conformance_text"));
        try {
            List<String> tools = awaitChange(list -> list.contains("conformance_text__slugify"));
            assertTrue(tools.containsAll(DEMO_TOOLS), tools.toString());
        } finally {
            PluginTrees.deleteTree(copy);
        }
        awaitChange(list -> list.stream().noneMatch(name -> name.startsWith("conformance_text__")));
    }

    private List<String> awaitChange(Predicate<List<String>> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            long left = deadline - System.nanoTime();
            List<String> tools = left > 0 ? changes.poll(left, TimeUnit.NANOSECONDS) : null;
            if (tools == null) {
                throw new AssertionError("no list_changed with the expected tools within a minute");
            }
            if (wanted.test(tools)) {
                return tools;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }


}
