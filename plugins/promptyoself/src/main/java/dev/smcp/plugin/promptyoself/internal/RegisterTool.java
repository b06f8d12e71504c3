package dev.smcp.plugin.promptyoself.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code promptyoself__register}: schedules a prompt for an agent. */
@Component(service = McpTool.class)
@McpToolProperties(name = "promptyoself__register", plugin = "promptyoself",
        description = "Schedule a prompt that is sent to a Letta agent as a user message: once at an ISO time, on a "
                + "cron expression, or every interval (30s, 5m, 1h). Exactly one of time, cron and every.",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "agent_id": {"type": "string", "description": "The Letta agent that receives the prompt."},
                  "prompt": {"type": "string", "description": "The prompt text, sent verbatim."},
                  "time": {"type": "string", "description": "Once, at this ISO-8601 time, e.g. 2026-12-03T14:00:00Z or 2026-12-03T15:00:00+01:00; without an offset it is read in timezone."},
                  "cron": {"type": "string", "description": "On this five-field cron expression (minute hour day month weekday), read in timezone, e.g. 0 9 * * MON-FRI."},
                  "every": {"type": "string", "description": "Every interval: 30s, 5m, 1h, 2d, or an ISO-8601 duration such as PT90M."},
                  "start_at": {"type": "string", "description": "With every: the first run, an ISO-8601 time in the future (default: now + interval)."},
                  "max_repetitions": {"type": "integer", "minimum": 1, "description": "Deliver at most this many times."},
                  "timezone": {"type": "string", "description": "IANA zone (e.g. Europe/Paris) for times without an offset and for cron; default: the configured zone (UTC)."},
                  "skip_validation": {"type": "boolean", "default": false, "description": "Do not check that the agent exists on the Letta server."}
                 },
                 "required": ["agent_id", "prompt"],
                 "additionalProperties": false}""")
public final class RegisterTool extends PromptYoSelfTool {

    private static final Set<String> PARAMETERS = Set.of("agent_id", "prompt", "time", "cron", "every", "start_at",
            "max_repetitions", "timezone", "skip_validation");

    @Activate
    public RegisterTool(@Reference PromptYoSelf engine) {
        super(engine);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments)
            throws ToolFailure, LettaClient.LettaException, SQLException, InterruptedException {
        ToolArguments args = new ToolArguments(arguments, PARAMETERS);
        String agentId = args.text("agent_id");
        String prompt = args.text("prompt");
        if (agentId == null || prompt == null) {
            throw ToolArguments.invalid("Missing required arguments: agent_id and prompt");
        }
        String time = args.text("time");
        String cron = args.text("cron");
        String every = args.text("every");
        int given = (time == null ? 0 : 1) + (cron == null ? 0 : 1) + (every == null ? 0 : 1);
        if (given == 0) {
            throw ToolArguments.invalid("Must specify one of time, cron, or every");
        }
        if (given > 1) {
            throw ToolArguments.invalid("Cannot specify multiple scheduling options");
        }
        String startAt = args.text("start_at");
        if (startAt != null && every == null) {
            throw ToolArguments.invalid("start_at is only valid with every");
        }
        Long max = args.integer("max_repetitions", "max_repetitions must be a positive integer");
        if (max != null && (max <= 0 || max > Integer.MAX_VALUE)) {
            throw ToolArguments.invalid("max_repetitions must be a positive integer");
        }
        String zoneText = args.text("timezone");
        ZoneId zone;
        try {
            zone = zoneText == null ? engine.defaultZone() : Schedule.parseZone(zoneText);
        } catch (IllegalArgumentException e) {
            throw ToolArguments.invalid(e.getMessage());
        }
        boolean skipValidation = args.flag("skip_validation");

        Instant now = engine.clock().instant().truncatedTo(ChronoUnit.MICROS);
        Schedule schedule;
        Instant nextRun;
        try {
            if (time != null) {
                schedule = new Schedule(Schedule.Type.ONCE, time, zone);
                nextRun = Schedule.parseTime(time, zone);
                if (!nextRun.isAfter(now)) {
                    throw ToolArguments.invalid("Scheduled time must be in the future");
                }
            } else if (cron != null) {
                schedule = new Schedule(Schedule.Type.CRON, cron, zone);
                try {
                    nextRun = CronExpression.parse(cron).next(now, zone);
                } catch (IllegalArgumentException e) {
                    throw ToolArguments.invalid("Invalid cron expression: " + cron + " (" + e.getMessage() + ")");
                }
            } else {
                schedule = new Schedule(Schedule.Type.INTERVAL, every, zone);
                Duration interval = Schedule.parseInterval(every);
                if (startAt != null) {
                    nextRun = Schedule.parseTime(startAt, zone);
                    if (!nextRun.isAfter(now)) {
                        throw ToolArguments.invalid("Start time must be in the future");
                    }
                } else {
                    nextRun = now.plus(interval);
                }
            }
        } catch (IllegalArgumentException e) {
            throw ToolArguments.invalid(e.getMessage());
        }
        if (!skipValidation) {
            boolean exists;
            try {
                exists = engine.letta().agentExists(agentId);
            } catch (LettaClient.LettaException e) {
                throw new ToolFailure(ToolFailure.LETTA_ERROR, "Agent validation failed: Failed to validate agent "
                        + agentId + ": " + e.getMessage());
            }
            if (!exists) {
                throw ToolArguments.invalid("Agent validation failed: Agent " + agentId + " not found");
            }
        }
        long id = engine.store().insert(agentId, prompt, schedule, nextRun, max == null ? null : max.intValue(), now);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", "success");
        result.put("id", id);
        result.put("next_run", Reminder.iso(nextRun));
        result.put("schedule_type", schedule.type().stored());
        result.put("message", "Prompt scheduled with ID " + id);
        return result;
    }
}
