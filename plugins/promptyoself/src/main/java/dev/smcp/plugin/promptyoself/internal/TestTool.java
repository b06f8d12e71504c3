package dev.smcp.plugin.promptyoself.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code promptyoself__test}: checks that the Letta server answers. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__test", plugin = "promptyoself",
        description = "Check the connection to the Letta server (lists its agents).",
        annotations = """
                {"readOnlyHint": true}""",
        inputSchema = """
                {"type": "object", "properties": {}, "additionalProperties": false}""")
public final class TestTool extends PromptYoSelfTool {

    @Activate
    public TestTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws ToolFailure, InterruptedException {
        new ToolArguments(arguments, Set.of());
        int count;
        try {
            count = engine.letta().listAgents().size();
        } catch (LettaClient.LettaException e) {
            throw new ToolFailure(ToolFailure.LETTA_ERROR, "Failed to connect to Letta server: " + e.getMessage());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("message", "Connection to Letta server successful");
        result.put("agent_count", count);
        return result;
    }
}
