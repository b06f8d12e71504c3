package dev.smcp.e2e;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

/** Official MCP Java SDK clients for the running server. */
final class McpClients {

    private McpClients() {
    }

    /** A client over the legacy HTTP+SSE transport, initialized. */
    static McpSyncClient sse(SmcpServer server) {
        return initialized(sseSpec(server));
    }

    /**
     * A client over the legacy HTTP+SSE transport, initialized, told of tool list changes: on
     * {@code notifications/tools/list_changed} the SDK lists the tools again and hands them to {@code toolsChanged}.
     */
    static McpSyncClient sse(SmcpServer server, Consumer<List<McpSchema.Tool>> toolsChanged) {
        return initialized(sseSpec(server).toolsChangeConsumer(toolsChanged));
    }

    /**
     * A client over stdio, initialized: the SDK starts the distribution itself ({@code java -jar smcp.jar --stdio
     * --plugins-dir DIR ...}) and owns the process; closing the client ends it.
     *
     * @param pluginsDir the plugins directory
     * @param stderr gets the server's stderr, line by line (its log)
     * @param extraArgs more launcher arguments
     */
    static McpSyncClient stdio(Path pluginsDir, Consumer<String> stderr, String... extraArgs) {
        return stdio(pluginsDir, stderr, tools -> {
        }, extraArgs);
    }

    /** As {@link #stdio(Path, Consumer, String...)}, told of tool list changes. */
    static McpSyncClient stdio(Path pluginsDir, Consumer<String> stderr, Consumer<List<McpSchema.Tool>> toolsChanged,
            String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--stdio", "--plugins-dir", pluginsDir.toString()));
        args.addAll(List.of(extraArgs));
        List<String> command = SmcpServer.command(args);
        ServerParameters parameters = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
        transport.setStdErrorHandler(stderr);
        return initialized(McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                // the server answers initialize once the plugins are scanned
                .initializationTimeout(Duration.ofSeconds(SmcpServer.START_TIMEOUT.toSeconds()))
                .toolsChangeConsumer(toolsChanged)
                .clientInfo(new McpSchema.Implementation("smcp-e2e", "1.0.0")));
    }

    /** A client over the legacy HTTP+SSE transport, initialized, sending this header with every request. */
    static McpSyncClient sse(SmcpServer server, String header, String value) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(server.baseUrl())
                .sseEndpoint("/sse").requestBuilder(HttpRequest.newBuilder().header(header, value)).build();
        return initialized(spec(McpClient.sync(transport)));
    }

    /** A client over Streamable HTTP ({@code /mcp}), initialized, sending this header with every request. */
    static McpSyncClient streamable(SmcpServer server, String header, String value) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp").requestBuilder(HttpRequest.newBuilder().header(header, value)).build();
        return initialized(spec(McpClient.sync(transport)));
    }

    /** A client over Streamable HTTP ({@code /mcp}), initialized, told of tool list changes as above. */
    static McpSyncClient streamable(SmcpServer server, Consumer<List<McpSchema.Tool>> toolsChanged) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.baseUrl())
                .endpoint("/mcp").build();
        return initialized(spec(McpClient.sync(transport)).toolsChangeConsumer(toolsChanged));
    }

    private static McpClient.SyncSpec sseSpec(SmcpServer server) {
        HttpClientSseClientTransport transport = HttpClientSseClientTransport.builder(server.baseUrl())
                .sseEndpoint("/sse").build();
        return spec(McpClient.sync(transport));
    }

    private static McpClient.SyncSpec spec(McpClient.SyncSpec spec) {
        return spec.requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("smcp-e2e", "1.0.0"));
    }

    private static McpSyncClient initialized(McpClient.SyncSpec spec) {
        McpSyncClient client = spec.build();
        client.initialize();
        return client;
    }
}
