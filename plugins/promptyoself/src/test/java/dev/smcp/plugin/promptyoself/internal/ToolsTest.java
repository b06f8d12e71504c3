package dev.smcp.plugin.promptyoself.internal;

import static dev.smcp.plugin.promptyoself.internal.ToolCalls.error;
import static dev.smcp.plugin.promptyoself.internal.ToolCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smcp.api.ToolErrors;

class ToolsTest {

    @TempDir
    Path dir;
    private FakeLetta letta;
    private final MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");
    private PromptYoSelf engine;
    private RegisterTool register;

    @BeforeEach
    void start() throws Exception {
        letta = new FakeLetta("agent-1", "agent-2");
        engine = ToolCalls.engine(dir.resolve("data").resolve("prompts.sqlite3"), letta, clock);
        register = new RegisterTool(engine);
    }

    @AfterEach
    void stop() throws Exception {
        engine.stop();
        letta.close();
    }

    @Test
    void registerOnceAtAZonedTime() throws Exception {
        Map<String, Object> result = ok(register, Map.of("agent_id", "agent-1", "prompt", "Check the logs",
                "time", "2026-12-03T14:30:00+01:00"));
        assertEquals(1L, result.get("id"));
        assertEquals("2026-12-03T13:30:00Z", result.get("next_run"));
        assertEquals("once", result.get("schedule_type"));
        assertEquals("Prompt scheduled with ID 1", result.get("message"));
        assertTrue(Files.exists(dir.resolve("data").resolve("prompts.sqlite3")), "created on the first registration");
        FakeLetta.Request check = letta.requests.get(0);
        assertEquals("/v1/agents/agent-1", check.path(), "the agent is validated");
        assertEquals("Bearer secret-token", check.authorization());
    }

    @Test
    void registerCronAndIntervalInATimeZone() throws Exception {
        assertEquals("2026-12-04T08:00:00Z", ok(register, Map.of("agent_id", "agent-1", "prompt", "Morning",
                "cron", "0 9 * * *", "timezone", "Europe/Paris")).get("next_run"));
        assertEquals("2026-12-03T12:05:00Z", ok(register, Map.of("agent_id", "agent-1", "prompt", "Tick",
                "every", "5m", "max_repetitions", 3L)).get("next_run"));
        assertEquals("2026-12-03T15:00:00Z", ok(register, Map.of("agent_id", "agent-1", "prompt", "Later",
                "every", "1h", "start_at", "2026-12-03T16:00:00", "timezone", "Europe/Paris")).get("next_run"));
        List<?> schedules = (List<?>) ok(new ListTool(engine), Map.of()).get("schedules");
        Map<?, ?> first = (Map<?, ?>) schedules.get(0);
        assertEquals("interval", first.get("schedule_type"));
        assertEquals("5m", first.get("schedule_value"));
        assertEquals(3, first.get("max_repetitions"));
        assertEquals("Tick", first.get("prompt_text"));
        assertEquals(List.of("Tick", "Later", "Morning"),
                schedules.stream().map(s -> ((Map<?, ?>) s).get("prompt_text")).toList(), "by next run");
        assertEquals("Europe/Paris", ((Map<?, ?>) schedules.get(2)).get("time_zone"));
    }

    @Test
    void registerValidatesInTheOriginalsOrderWithStructuredErrors() throws Exception {
        String invalid = ToolErrors.INVALID_ARGUMENTS;
        assertEquals("Missing required arguments: agent_id and prompt",
                error(register, Map.of("prompt", "x", "every", "5m"), invalid));
        assertEquals("Must specify one of time, cron, or every",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x"), invalid));
        assertEquals("Cannot specify multiple scheduling options",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "5m", "cron", "* * * * *"),
                        invalid));
        assertEquals("max_repetitions must be a positive integer",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "5m", "max_repetitions", 0L),
                        invalid));
        assertEquals("Scheduled time must be in the future",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "time", "2026-12-03T11:59:59Z"),
                        invalid));
        assertEquals("Scheduled time must be in the future",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "time", "2026-12-03T12:30:00",
                        "timezone", "Europe/Paris"), invalid), "12:30 in Paris is 11:30 UTC");
        assertEquals("Invalid cron expression: 61 * * * * (minute: 61 is outside 0-59)",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "cron", "61 * * * *"), invalid));
        assertEquals("Invalid interval format: soon. Use formats like '30s', '5m', '1h'",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "soon"), invalid));
        assertEquals("Start time must be in the future",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "5m", "start_at",
                        "2026-12-01T00:00:00Z"), invalid));
        assertEquals("start_at is only valid with every",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "cron", "* * * * *", "start_at",
                        "2026-12-04T00:00:00Z"), invalid));
        assertEquals("sender: unknown parameter (expected one of: agent_id, cron, every, max_repetitions, prompt, "
                + "skip_validation, start_at, time, timezone)",
                error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "5m", "sender", "me"), invalid));
        assertEquals("Agent validation failed: Agent ghost not found",
                error(register, Map.of("agent_id", "ghost", "prompt", "x", "every", "5m"), invalid));
        assertEquals(0, ok(new ListTool(engine), Map.of()).get("count"), "nothing was stored");
        assertEquals(1L, ok(register, Map.of("agent_id", "ghost", "prompt", "x", "every", "5m",
                "skip_validation", true)).get("id"));
    }

    @Test
    void agentValidationWithLettaDownIsALettaError() throws Exception {
        letta.close();
        String message = error(register, Map.of("agent_id", "agent-1", "prompt", "x", "every", "5m"),
                ToolFailure.LETTA_ERROR);
        assertTrue(message.startsWith("Agent validation failed: Failed to validate agent agent-1: GET "
                + "/v1/agents/agent-1 failed: "), message);
        assertFalse(message.contains("secret-token"), message);
    }

    @Test
    void listFiltersByAgentAndActivity() throws Exception {
        assertEquals(0, ok(new ListTool(engine), Map.of()).get("count"), "no database file yet");
        for (String agent : List.of("agent-1", "agent-2", "agent-1")) {
            ok(register, Map.of("agent_id", agent, "prompt", "p", "every", "1h"));
        }
        ListTool list = new ListTool(engine);
        assertEquals(2, ok(list, Map.of("agent_id", "agent-1")).get("count"));
        ok(new CancelTool(engine), Map.of("id", 1L));
        assertEquals(1, ok(list, Map.of("agent_id", "agent-1")).get("count"));
        Map<String, Object> all = ok(list, Map.of("agent_id", "agent-1", "all", true));
        assertEquals(2, all.get("count"));
        Map<?, ?> cancelled = (Map<?, ?>) ((List<?>) all.get("schedules")).stream()
                .filter(s -> ((Map<?, ?>) s).get("id").equals(1L)).findFirst().orElseThrow();
        assertEquals(false, cancelled.get("active"));
        assertEquals("cancelled", cancelled.get("status"));
    }

    @Test
    void cancel() throws Exception {
        ok(register, Map.of("agent_id", "agent-1", "prompt", "p", "every", "1h"));
        CancelTool cancel = new CancelTool(engine);
        Map<String, Object> result = ok(cancel, Map.of("id", 1L));
        assertEquals(1L, result.get("cancelled_id"));
        assertEquals("Schedule 1 cancelled", result.get("message"));
        assertEquals(1L, ok(cancel, Map.of("id", "1")).get("cancelled_id"), "again, and as digits: still fine");
        assertEquals("Schedule 7 not found", error(cancel, Map.of("id", 7L), ToolFailure.NOT_FOUND));
        assertEquals("Schedule ID must be a number", error(cancel, Map.of("id", "one"), ToolErrors.INVALID_ARGUMENTS));
        Map<String, Object> none = new HashMap<>();
        assertEquals("id: is required", error(cancel, none, ToolErrors.INVALID_ARGUMENTS));
    }

    @Test
    void executeDeliversWhatIsDue() throws Exception {
        ok(register, Map.of("agent_id", "agent-1", "prompt", "Now then", "every", "30s"));
        ExecuteTool execute = new ExecuteTool(engine);
        assertEquals("0 prompts executed", ok(execute, Map.of()).get("message"));
        clock.advance(Duration.ofSeconds(31));
        Map<String, Object> result = ok(execute, Map.of());
        assertEquals("1 prompts executed", result.get("message"));
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) result.get("executed")).get(0);
        assertEquals(true, entry.get("delivered"));
        assertEquals("2026-12-03T12:01:00Z", entry.get("next_run"));
        assertEquals(1, letta.delivered().size());
        assertEquals("Now then", letta.delivered().get(0)[1]);
    }

    @Test
    void testAndAgentsReadEveryPage() throws Exception {
        for (int i = 3; i <= 250; i++) {
            letta.agentIds.add("agent-" + i);
        }
        Map<String, Object> test = ok(new TestTool(engine), Map.of());
        assertEquals("Connection to Letta server successful", test.get("message"));
        assertEquals(250, test.get("agent_count"));
        Map<String, Object> agents = ok(new AgentsTool(engine), Map.of());
        assertEquals(250, agents.get("count"));
        assertEquals(Map.of("id", "agent-1", "name", "name of agent-1", "created_at", "2026-01-02T03:04:05Z"),
                withoutNulls((Map<?, ?>) ((List<?>) agents.get("agents")).get(0)));
        assertTrue(letta.requests.stream().anyMatch(r -> "limit=100&after=agent-100".equals(r.query())),
                letta.requests.toString());
    }

    @Test
    void testAndAgentsFailAsToolErrorsWhenLettaIsDown() throws Exception {
        letta.close();
        assertTrue(error(new TestTool(engine), Map.of(), ToolFailure.LETTA_ERROR)
                .startsWith("Failed to connect to Letta server: GET /v1/agents/ failed"));
        assertTrue(error(new AgentsTool(engine), Map.of(), ToolFailure.LETTA_ERROR)
                .startsWith("Letta server request failed: GET /v1/agents/ failed"));
    }

    private static Map<Object, Object> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new HashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
