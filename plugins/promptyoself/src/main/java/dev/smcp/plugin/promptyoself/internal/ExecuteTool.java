package dev.smcp.plugin.promptyoself.internal;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code promptyoself__execute}: one delivery pass, now. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__execute", plugin = "promptyoself",
        description = "Deliver the prompts that are due now, in one pass, and report each. The server's scheduler "
                + "does this by itself every few seconds; this is for a pass on demand.",
        inputSchema = """
                {"type": "object", "properties": {}, "additionalProperties": false}""")
public final class ExecuteTool extends PromptYoSelfTool {

    @Activate
    public ExecuteTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments)
            throws ToolFailure, SQLException, InterruptedException {
        new ToolArguments(arguments, Set.of());
        List<Map<String, Object>> executed = engine.delivery().runOnce();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("executed", executed);
        result.put("message", executed.size() + " prompts executed");
        return result;
    }
}
