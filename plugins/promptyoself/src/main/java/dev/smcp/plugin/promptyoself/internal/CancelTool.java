package dev.smcp.plugin.promptyoself.internal;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code promptyoself__cancel}: deactivates a prompt. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__cancel", plugin = "promptyoself",
        description = "Cancel a scheduled prompt by id; cancelling an inactive prompt succeeds and changes nothing.",
        annotations = """
                {"idempotentHint": true}""",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "id": {"type": "integer", "description": "The prompt id, as returned by register and list."}
                 },
                 "required": ["id"],
                 "additionalProperties": false}""")
public final class CancelTool extends PromptYoSelfTool {

    @Activate
    public CancelTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws ToolFailure, SQLException {
        ToolArguments args = new ToolArguments(arguments, Set.of("id"));
        Long id = args.integer("id", "Schedule ID must be a number");
        if (id == null) {
            throw ToolArguments.invalid("id: is required");
        }
        if (!engine.store().exists() || !engine.store().cancel(id, engine.clock().instant())) {
            throw new ToolFailure(ToolFailure.NOT_FOUND, "Schedule " + id + " not found");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("cancelled_id", id);
        result.put("message", "Schedule " + id + " cancelled");
        return result;
    }
}
