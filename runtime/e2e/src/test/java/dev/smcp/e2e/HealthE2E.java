package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/** The {@code health} tool through the MCP Java SDK client, and {@code GET /health}, in the real runtime. */
class HealthE2E {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthToolAndEndpointReportThePluginsSessionsAndCalls() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of());
                McpSyncClient client = McpClients.streamable(server, tools -> {
                })) {
            assertFalse(client.callTool(new CallToolRequest("demo_text__echo", Map.of("message", "hi"))).isError());
            CallToolResult result = client.callTool(new CallToolRequest("health", Map.of()));
            assertFalse(result.isError(), result::toString);
            @SuppressWarnings("unchecked")
            Map<String, Object> report = (Map<String, Object>) result.structuredContent();
            assertEquals("healthy", report.get("status"), report::toString);
            assertEquals("0.1.0-SNAPSHOT", report.get("version"));
            assertEquals(List.of("demo_math", "demo_text"), report.get("plugin_names"));
            assertEquals(18, ((Number) report.get("tools")).intValue(), "12 demo and clock tools, 6 of promptyoself, health");
            assertEquals(1, ((Number) report.get("sessions")).intValue());
            @SuppressWarnings("unchecked")
            Map<String, Object> calls = (Map<String, Object>) report.get("calls");
            assertEquals(1, ((Number) calls.get("in_flight")).intValue(), "the health call itself");
            assertTrue(((Number) calls.get("succeeded")).intValue() >= 1, calls::toString);

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode(), get::body);
            assertEquals("application/json", get.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode body = JSON.readTree(get.body());
            assertEquals("healthy", body.path("status").asText());
            assertEquals(2, body.path("calls").path("succeeded").asInt(), body::toString);
            assertTrue(body.path("uptime_seconds").asLong() >= 0);

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }
}
