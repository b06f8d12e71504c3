package dev.smcp.health.internal;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolResult;

/** The {@code health} tool: the health report as structured content and as indented JSON text. */
@Component(service = McpTool.class)
@McpToolProperties(name = "health", title = "Server health",
        description = "Server health: status (healthy, or degraded when a plugin failed or a tool was rejected), "
                + "version, start time and uptime, active, stopped and failed plugins, the number of tools and "
                + "sessions, and tool calls in flight, succeeded and failed since the start.",
        inputSchema = """
                {"type": "object", "properties": {}, "additionalProperties": false}""",
        annotations = """
                {"readOnlyHint": true, "destructiveHint": false, "idempotentHint": false,
                 "openWorldHint": false}""")
public final class HealthTool implements McpTool {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HealthReporter reporter;

    /** @param reporter builds the report */
    @Activate
    public HealthTool(@Reference HealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, ToolCallContext context) throws JsonProcessingException {
        Map<String, Object> report = reporter.report();
        return ToolResult.structured(JSON.writeValueAsString(report), report);
    }
}
