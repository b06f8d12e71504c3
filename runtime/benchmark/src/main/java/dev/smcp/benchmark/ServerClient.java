package dev.smcp.benchmark;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

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
        return calculate(ExpectedResult.TOOL);
    }

    /**
     * {@code tools/call} of a copy of {@code demo_math__calculate} under another plugin name, checked.
     *
     * @param tool the tool name, {@code <plugin>__calculate}
     * @return {@code null} on the expected result, else what is wrong
     * @throws RuntimeException when the server answers with a JSON-RPC error (such as an unknown tool)
     */
    String calculate(String tool) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, ExpectedResult.ARGUMENTS));
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

    /** @return the names {@code tools/list} returns */
    Set<String> toolNames() {
        Set<String> names = new HashSet<>();
        client.listTools().tools().forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public void close() {
        client.closeGracefully();
    }
}
