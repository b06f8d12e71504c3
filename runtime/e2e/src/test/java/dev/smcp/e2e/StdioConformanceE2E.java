package dev.smcp.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import io.modelcontextprotocol.spec.McpSchema;

/** {@link ProtocolConformance} over stdio: the SDK's stdio transport starts {@code smcp.jar --stdio} itself. */
class StdioConformanceE2E extends ProtocolConformance {

    @Override
    protected Connection connect(Path pluginsDir, Consumer<List<McpSchema.Tool>> toolsChanged) {
        // the client owns the server process: closing the client ends it
        return new Connection(McpClients.stdio(pluginsDir, line -> System.err.println("[smcp] " + line), toolsChanged),
                () -> {
                });
    }
}
