package dev.smcp.protocol.internal;

import java.util.Map;

import dev.smcp.api.McpTool;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.session.McpSession;

/** The protocol contract against {@link McpServer} in process, with no transport. */
class McpServerProtocolTest extends McpProtocolContractTest {

    private McpServer server;

    @Override
    protected void startServer() {
        server = new McpServer(new ServerSettings("contract-server", 4, 8, 10), "1.2.3-TEST");
    }

    @Override
    protected void stopServer() {
        server.deactivate();
    }

    @Override
    protected McpSession openSession(RecordingSink sink) {
        return server.open("test", sink);
    }

    @Override
    protected void addTool(long serviceId, int ranking, Map<String, Object> properties, McpTool tool) {
        server.catalog().put(new ToolRegistration(serviceId, ranking, 1, "test.bundle:1.0.0", properties, () -> tool));
    }

    @Override
    protected void removeTool(long serviceId) {
        server.catalog().remove(serviceId);
    }

    @Override
    protected ServerDTO serverDTO() {
        return server.getServerDTO();
    }

    @Override
    protected String expectedServerName() {
        return "contract-server";
    }

    @Override
    protected String expectedServerVersion() {
        return "1.2.3-TEST";
    }
}
