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

/** {@code promptyoself__list}: the scheduled prompts. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__list", plugin = "promptyoself",
        description = "List scheduled prompts by next run (UTC), optionally of one agent; active ones only unless "
                + "all is true.",
        annotations = """
                {"readOnlyHint": true}""",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "agent_id": {"type": "string", "description": "Only this agent's prompts."},
                  "all": {"type": "boolean", "default": false, "description": "Include inactive prompts (cancelled, completed, failed)."}
                 },
                 "additionalProperties": false}""")
public final class ListTool extends PromptYoSelfTool {

    @Activate
    public ListTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws ToolFailure, SQLException {
        ToolArguments args = new ToolArguments(arguments, Set.of("agent_id", "all"));
        String agentId = args.text("agent_id");
        boolean all = args.flag("all");
        List<Map<String, Object>> schedules = engine.store().exists()
                ? engine.store().list(agentId, all).stream().map(Reminder::toJson).toList()
                : List.of();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("schedules", schedules);
        result.put("count", schedules.size());
        return result;
    }
}
