package dev.smcp.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;

/** Official MCP Java SDK clients for the running server. */
final class McpClients {

    private McpClients() {
    }

    /** A client over the legacy HTTP+SSE transport, initialized. */
    static McpSyncClient sse(SmcpServer server) {
        return sse(server, tools -> {
        });
    }

    /**
     * A client over the legacy HTTP+SSE transport, initialized, that hears about tool changes.
     *
     * @param onToolsChanged given the tools the client fetched after each {@code notifications/tools/list_changed}
     */
    static McpSyncClient sse(SmcpServer server, Consumer<List<McpSchema.Tool>> onToolsChanged) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(server.baseUrl())
                .sseEndpoint("/sse").build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(30)).toolsChangeConsumer(onToolsChanged)
                .clientInfo(new McpSchema.Implementation("smcp-e2e", "1.0.0")).build();
        client.initialize();
        return client;
    }
}
