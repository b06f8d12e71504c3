package dev.smcp.plugin.promptyoself.internal;

import static dev.smcp.plugin.promptyoself.internal.ToolCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptDeliveryTest {

    @TempDir
    Path dir;
    private FakeLetta letta;
    private final MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");
    private PromptYoSelf engine;

    @BeforeEach
    void start() throws Exception {
        letta = new FakeLetta("agent-1");
        engine = ToolCalls.engine(dir.resolve("prompts.sqlite3"), letta, clock);
    }

    @AfterEach
    void stop() throws Exception {
        engine.stop();
        letta.close();
    }

    private long register(Map<String, Object> arguments) throws Exception {
        return (Long) ok(new RegisterTool(engine), arguments).get("id");
    }

    private Reminder row(long id) throws Exception {
        return engine.store().find(id);
    }

    private List<Map<String, Object>> pass() throws Exception {
        return engine.delivery().runOnce();
    }

    @Test
    void aOneOffPromptIsDeliveredOnceWithTheOriginalsBody() throws Exception {
        long id = register(Map.of("agent_id", "agent-1", "prompt", "Stand up \"now\"", "time", "2026-12-03T12:00:10Z",
                "skip_validation", true));
        assertEquals(List.of(), pass(), "not due yet");
        clock.set("2026-12-03T12:00:11Z");
        Map<String, Object> result = pass().get(0);
        assertEquals(true, result.get("delivered"));
        assertEquals(true, result.get("completed"));
        assertNull(result.get("next_run"));
        assertEquals(List.of(), pass(), "not again");
        FakeLetta.Request post = letta.requests.get(0);
        assertEquals("POST", post.method());
        assertEquals("/v1/agents/agent-1/messages", post.path());
        assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Stand up \\\"now\\\"\"}]}]}",
                post.body());
        assertEquals("Bearer secret-token", post.authorization());
        Reminder done = row(id);
        assertFalse(done.active());
        assertEquals("completed", done.status());
        assertEquals(1, done.repetitionCount());
        assertEquals(Instant.parse("2026-12-03T12:00:11Z"), done.lastRun());
        assertEquals(Instant.parse("2026-12-03T12:00:10Z"), done.nextRun(), "next_run is NOT NULL: kept");
    }

    @Test
    void theMonologueWrapperErrorIsRetriedOnTheStreamingEndpointAsTheOriginalDoes() throws Exception {
        letta.messageStatus = 500;
        letta.refusal = "{\"detail\":\"Error: 'description' ... ChatMLInnerMonologueWrapper ...\"}";
        register(Map.of("agent_id", "agent-1", "prompt", "via the stream", "time", "2026-12-03T12:00:10Z",
                "skip_validation", true));
        clock.set("2026-12-03T12:00:11Z");
        assertEquals(true, pass().get(0).get("delivered"));
        List<String> posts = letta.requests.stream().filter(r -> r.method().equals("POST")).map(FakeLetta.Request::path)
                .toList();
        assertEquals(List.of("/v1/agents/agent-1/messages", "/v1/agents/agent-1/messages/stream"), posts);
        assertEquals(letta.requests.get(0).body(), letta.requests.get(1).body(), "the same body");

        letta.requests.clear();
        letta.refusal = "{\"detail\":\"some other error\"}";
        register(Map.of("agent_id", "agent-1", "prompt", "no stream", "time", "2026-12-03T12:00:20Z",
                "skip_validation", true));
        clock.set("2026-12-03T12:00:21Z");
        assertEquals(false, pass().get(0).get("delivered"));
        assertEquals(1, letta.requests.size(), "other errors are not sent to the stream");
    }

    @Test
    void intervalsDoNotDriftAndStopAfterMaxRepetitions() throws Exception {
        long id = register(Map.of("agent_id", "agent-1", "prompt", "tick", "every", "1m", "max_repetitions", 3L,
                "skip_validation", true));
        clock.set("2026-12-03T12:01:07Z"); // a late pass
        assertEquals("2026-12-03T12:02:00Z", pass().get(0).get("next_run"));
        clock.set("2026-12-03T12:02:59Z");
        assertEquals("2026-12-03T12:03:00Z", pass().get(0).get("next_run"));
        clock.set("2026-12-03T12:03:00Z");
        Map<String, Object> last = pass().get(0);
        assertEquals(true, last.get("completed"));
        assertEquals(3, last.get("repetition_count"));
        assertEquals(3, last.get("max_repetitions"));
        clock.set("2026-12-03T13:00:00Z");
        assertEquals(List.of(), pass());
        assertEquals(3, letta.delivered().size());
        assertFalse(row(id).active());
    }

    @Test
    void missedRunsAfterDowntimeAreDeliveredOnceAndTheScheduleContinues() throws Exception {
        long interval = register(Map.of("agent_id", "agent-1", "prompt", "every 10m", "every", "10m",
                "skip_validation", true));
        long cron = register(Map.of("agent_id", "agent-1", "prompt", "hourly", "cron", "0 * * * *",
                "skip_validation", true));
        clock.set("2026-12-03T15:42:00Z"); // down since 12:00
        List<Map<String, Object>> results = pass();
        assertEquals(2, results.size());
        assertEquals(2, letta.delivered().size(), "one delivery each, not one per missed run");
        assertEquals(Instant.parse("2026-12-03T15:50:00Z"), row(interval).nextRun(), "on the 12:00 + k*10m grid");
        assertEquals(Instant.parse("2026-12-03T16:00:00Z"), row(cron).nextRun());
    }

    @Test
    void failedDeliveriesBackOffAndGiveUpAtTheLimit() throws Exception {
        long id = register(Map.of("agent_id", "agent-1", "prompt", "p", "every", "1h", "skip_validation", true));
        letta.messageStatus = 503;
        clock.set("2026-12-03T13:00:00Z");
        Map<String, Object> first = pass().get(0);
        assertEquals(false, first.get("delivered"));
        assertEquals("POST /v1/agents/agent-1/messages answered HTTP 503: {\"detail\":\"unavailable\"}",
                first.get("error"));
        assertEquals(1, first.get("failure_count"));
        assertEquals("2026-12-03T13:00:10Z", first.get("retry_at"), "first delay 10 s");
        assertEquals(false, first.get("deactivated"));

        clock.set("2026-12-03T13:00:09Z");
        assertEquals(List.of(), pass(), "waits for the retry time");
        clock.set("2026-12-03T13:00:10Z");
        Map<String, Object> second = pass().get(0);
        assertEquals(2, second.get("failure_count"));
        assertEquals("2026-12-03T13:00:30Z", second.get("retry_at"), "doubled: 20 s");
        Reminder failing = row(id);
        assertEquals(2, failing.failureCount());
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), failing.nextRun(), "the schedule is kept");
        assertTrue(failing.lastError().contains("503"));

        clock.set("2026-12-03T13:00:30Z");
        Map<String, Object> third = pass().get(0);
        assertEquals(3, third.get("failure_count"));
        assertEquals(true, third.get("deactivated"));
        assertNull(third.get("retry_at"));
        Reminder failed = row(id);
        assertFalse(failed.active());
        assertEquals("failed", failed.status());
        clock.set("2026-12-03T18:00:00Z");
        assertEquals(List.of(), pass(), "given up");
        assertEquals(3, letta.requests.size());
    }

    @Test
    void aSuccessAfterFailuresResetsTheCountAndKeepsTheGrid() throws Exception {
        long id = register(Map.of("agent_id", "agent-1", "prompt", "p", "every", "1h", "skip_validation", true));
        letta.messageStatus = 500;
        clock.set("2026-12-03T13:00:00Z");
        pass();
        letta.messageStatus = 200;
        clock.set("2026-12-03T13:00:10Z");
        Map<String, Object> delivered = pass().get(0);
        assertEquals(true, delivered.get("delivered"));
        assertEquals("2026-12-03T14:00:00Z", delivered.get("next_run"));
        Reminder row = row(id);
        assertEquals(0, row.failureCount());
        assertNull(row.retryAt());
        assertNull(row.lastError());
        assertEquals("pending", row.status());
    }

    @Test
    void aPromptCancelledWhileItIsDeliveredStaysCancelled() throws Exception {
        long id = register(Map.of("agent_id", "agent-1", "prompt", "p", "every", "1h", "skip_validation", true));
        clock.set("2026-12-03T13:00:00Z");
        List<Reminder> claimed = engine.store().claimDue(clock.instant(), Duration.ofMinutes(1), 10, "token-1");
        assertEquals(1, claimed.size());
        assertEquals(List.of(), engine.store().claimDue(clock.instant(), Duration.ofMinutes(1), 10, "token-2"),
                "claimed once");
        engine.store().cancel(id, clock.instant());
        engine.store().recordDelivered(claimed.get(0), "token-1", clock.instant(), Instant.parse("2026-12-03T14:00:00Z"));
        assertFalse(row(id).active());
        assertEquals("cancelled", row(id).status());
    }

    @Test
    void aPassInterruptedByAStopReleasesThePromptsItHasNotTried() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(register(Map.of("agent_id", "agent-1", "prompt", "p" + i, "every", "1h", "skip_validation",
                    true)));
        }
        clock.set("2026-12-03T13:00:00Z");
        letta.messageDelayMillis = 120_000;
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread pass = new Thread(() -> {
            try {
                pass();
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        pass.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (letta.requests.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, letta.requests.size(), "the first delivery is in flight");
        pass.interrupt();
        pass.join(Duration.ofSeconds(60).toMillis());
        assertFalse(pass.isAlive());
        assertTrue(ended.get() instanceof InterruptedException, String.valueOf(ended.get()));
        List<Reminder> again = engine.store().claimDue(clock.instant(), Duration.ofMinutes(1), 10, "next");
        assertEquals(ids.subList(1, 3), again.stream().map(Reminder::id).toList(),
                "the untried ones at once; the one in flight when its lease expires");
    }

    @Test
    void aRowThatCannotBeScheduledIsGivenUpWithoutBeingSent() throws Exception {
        Instant due = Instant.parse("2026-12-03T11:00:00Z");
        long broken = engine.store().insert("agent-1", "broken", new Schedule(Schedule.Type.CRON, "61 * * * *",
                ZoneId.of("UTC")), due, null, due);
        long fine = register(Map.of("agent_id", "agent-1", "prompt", "fine", "time", "2026-12-03T12:00:01Z",
                "skip_validation", true));
        clock.set("2026-12-03T12:00:02Z");
        List<Map<String, Object>> results = pass();
        assertEquals(2, results.size());
        assertEquals(true, results.get(0).get("deactivated"));
        assertEquals("Invalid stored schedule cron 61 * * * *: minute: 61 is outside 0-59", results.get(0).get("error"));
        assertEquals(true, results.get(1).get("delivered"));
        assertEquals(List.of("fine"), letta.delivered().stream().map(m -> m[1]).toList());
        assertEquals("failed", row(broken).status());
        assertFalse(row(fine).active());
    }

    @Test
    void anExpiredClaimIsTakenOver() throws Exception {
        register(Map.of("agent_id", "agent-1", "prompt", "p", "every", "1h", "skip_validation", true));
        clock.set("2026-12-03T13:00:00Z");
        assertEquals(1, engine.store().claimDue(clock.instant(), Duration.ofMinutes(1), 10, "dead").size());
        clock.set("2026-12-03T13:00:59Z");
        assertEquals(List.of(), pass(), "the lease still holds");
        clock.set("2026-12-03T13:01:00Z");
        assertEquals(true, pass().get(0).get("delivered"), "the instance that claimed it is presumed dead");
    }
}
