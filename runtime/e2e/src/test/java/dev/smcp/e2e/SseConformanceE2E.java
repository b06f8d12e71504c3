package dev.smcp.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpSchema;

/** {@link ProtocolConformance} over the legacy HTTP+SSE transport ({@code GET /sse}). */
class SseConformanceE2E extends ProtocolConformance {

    @Override
    protected Connection connect(Path pluginsDir, Consumer<List<McpSchema.Tool>> toolsChanged) throws Exception {
        SmcpServer server = SmcpServer.start(pluginsDir, Map.of());
        try {
            return new Connection(McpClients.sse(server, toolsChanged), server);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }
}
