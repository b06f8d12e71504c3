package dev.smcp.benchmark;

import java.time.Duration;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/** One initialized MCP Java SDK sync client over the legacy HTTP+SSE transport: its own SSE session. */
final class ServerClient implements AutoCloseable {

    private final McpSyncClient client;
    private final CallToolRequest calculate = new CallToolRequest(ExpectedResult.TOOL, ExpectedResult.ARGUMENTS);

    ServerClient(String baseUrl) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(baseUrl).sseEndpoint("/sse")
                .build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("smcp-benchmark", "1.0.0")).build();
        client.initialize();
    }

    /** {@code tools/call demo_math__calculate}, checked. */
    String calculate() {
        CallToolResult result = client.callTool(calculate);
        if (Boolean.TRUE.equals(result.isError())) {
            StringBuilder text = new StringBuilder("tool error:");
            result.content().forEach(c -> text.append(' ').append(c instanceof TextContent t ? t.text() : c));
            return text.toString();
        }
        return ExpectedResult.problem(result.structuredContent());
    }

    /** {@code ping}: the transport and protocol without a tool. */
    String ping() {
        client.ping();
        return null;
    }

    /** {@code tools/list}: as ping, plus the server's tool catalogue as JSON. */
    String listTools() {
        return client.listTools().tools().isEmpty() ? "no tools listed" : null;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
