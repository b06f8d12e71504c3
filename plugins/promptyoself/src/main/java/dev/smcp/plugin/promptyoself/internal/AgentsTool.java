package dev.smcp.plugin.promptyoself.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code promptyoself__agents}: the Letta server's agents. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__agents", plugin = "promptyoself",
        description = "List the agents of the Letta server (all pages): id, name, created_at, last_updated.",
        annotations = """
                {"readOnlyHint": true}""",
        inputSchema = """
                {"type": "object", "properties": {}, "additionalProperties": false}""")
public final class AgentsTool extends PromptYoSelfTool {

    @Activate
    public AgentsTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments)
            throws ToolFailure, LettaClient.LettaException, InterruptedException {
        new ToolArguments(arguments, Set.of());
        List<Map<String, Object>> agents = engine.letta().listAgents();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("agents", agents);
        result.put("count", agents.size());
        return result;
    }
}
