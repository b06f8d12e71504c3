package dev.smcp.plugin.promptyoself.internal;

import static dev.smcp.plugin.promptyoself.internal.ToolCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances (two engines, each with its own store and Letta client) on one PostgreSQL database: each due
 * prompt is delivered exactly once. Runs a real throwaway PostgreSQL cluster.
 */
class PostgresTwoInstancesTest {

    private static TemporaryPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = TemporaryPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static PromptYoSelf engine(FakeLetta letta, Clock clock) {
        return new PromptYoSelf(new Settings(letta.url(), null, Duration.ofSeconds(30), postgres.jdbcUrl(),
                TemporaryPostgres.USER, null, false, Duration.ofSeconds(5), ToolCalls.RETRIES, Duration.ofSeconds(60),
                ZoneId.of("UTC")), clock);
    }

    @Test
    void twoInstancesDeliverEachDuePromptExactlyOnce() throws Exception {
        int prompts = 150;
        try (FakeLetta letta = new FakeLetta("agent-1")) {
            letta.messageDelayMillis = 5; // so that the two instances' passes overlap
            MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");
            PromptYoSelf first = engine(letta, clock);
            PromptYoSelf second = engine(letta, clock);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                // both set the schema up at once: serialised by an advisory lock
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Object>> setUp = new ArrayList<>();
                for (PromptYoSelf engine : List.of(first, second)) {
                    setUp.add(threads.submit(() -> {
                        go.await();
                        return engine.store().list(null, true);
                    }));
                }
                go.countDown();
                for (Future<Object> done : setUp) {
                    done.get(60, TimeUnit.SECONDS);
                }
                Instant due = Instant.parse("2026-12-03T11:59:00Z");
                Schedule every = new Schedule(Schedule.Type.INTERVAL, "1h", ZoneId.of("UTC"));
                for (int i = 0; i < prompts; i++) {
                    (i % 2 == 0 ? first : second).store().insert("agent-1", "prompt " + i, every, due, null, due);
                }

                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> passes = new ArrayList<>();
                for (PromptYoSelf engine : List.of(first, second)) {
                    Callable<Integer> deliverAll = () -> {
                        start.await();
                        int delivered = 0;
                        for (int pass = 0; pass < 6; pass++) {
                            delivered += engine.delivery().runOnce().size();
                        }
                        return delivered;
                    };
                    passes.add(threads.submit(deliverAll));
                }
                start.countDown();
                int byFirst = passes.get(0).get(120, TimeUnit.SECONDS);
                int bySecond = passes.get(1).get(120, TimeUnit.SECONDS);

                Map<String, Integer> deliveries = new HashMap<>();
                for (String[] message : letta.delivered()) {
                    deliveries.merge(message[1], 1, Integer::sum);
                }
                assertEquals(prompts, deliveries.size(), "every prompt delivered");
                deliveries.forEach((prompt, count) -> assertEquals(1, count, prompt + " delivered once"));
                assertEquals(prompts, byFirst + bySecond, byFirst + " + " + bySecond);
                for (Reminder row : first.store().list(null, false)) {
                    assertEquals(Instant.parse("2026-12-03T12:59:00Z"), row.nextRun(), "next run on the grid");
                    assertEquals(1, row.repetitionCount());
                }
                assertEquals(prompts, first.store().list(null, false).size());
            } finally {
                threads.shutdownNow();
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void aPromptClaimedByOneInstanceIsNotDeliveredByTheOther() throws Exception {
        try (FakeLetta letta = new FakeLetta("agent-pg")) {
            MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");
            PromptYoSelf first = engine(letta, clock);
            PromptYoSelf second = engine(letta, clock);
            try {
                long id = (Long) ok(new RegisterTool(first), Map.of("agent_id", "agent-pg", "prompt", "claimed",
                        "time", "2026-12-03T12:00:30Z")).get("id");
                clock.set("2026-12-03T12:01:00Z");
                List<Reminder> claimed = first.store().claimDue(clock.instant(), Duration.ofMinutes(5), 10, "first");
                assertEquals(List.of(id), claimed.stream().map(Reminder::id).toList());
                assertEquals(List.of(), second.delivery().runOnce(), "claimed by the first instance");
                first.store().recordDelivered(claimed.get(0), "first", clock.instant(), null);
                clock.set("2026-12-03T12:10:00Z");
                assertEquals(List.of(), second.delivery().runOnce(), "delivered and finished");
                assertFalse(second.store().find(id).active());
                assertEquals("completed", second.store().find(id).status());
                assertEquals(Instant.parse("2026-12-03T12:01:00Z"), second.store().find(id).lastRun());
            } finally {
                first.stop();
                second.stop();
            }
        }
    }
}
