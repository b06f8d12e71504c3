package dev.smcp.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpSchema;

/** {@link ProtocolConformance} over Streamable HTTP ({@code /mcp}). */
class StreamableHttpConformanceE2E extends ProtocolConformance {

    @Override
    protected Connection connect(Path pluginsDir, Consumer<List<McpSchema.Tool>> toolsChanged) throws Exception {
        SmcpServer server = SmcpServer.start(pluginsDir, Map.of());
        try {
            return new Connection(McpClients.streamable(server, toolsChanged), server);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }
}
