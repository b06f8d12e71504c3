package dev.smcp.plugin.promptyoself.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery pass: claims the due prompts, sends each to its agent, and records the outcome. A delivered prompt
 * gets its next run from its schedule (see {@link Schedule#nextAfter}); a failed one is retried with back-off and
 * deactivated after the failure limit ({@link RetryPolicy}). Safe to run concurrently, in one process or in several
 * sharing a PostgreSQL database: a prompt is delivered only by the pass that claimed it.
 */
final class PromptDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(PromptDelivery.class);
    /** The most prompts one pass claims; the rest wait for the next pass. */
    static final int BATCH = 50;

    private final ReminderStore store;
    private final LettaClient letta;
    private final Clock clock;
    private final RetryPolicy retries;
    private final Duration lease;

    PromptDelivery(ReminderStore store, LettaClient letta, Clock clock, RetryPolicy retries, Duration lease) {
        this.store = store;
        this.letta = letta;
        this.clock = clock;
        this.retries = retries;
        this.lease = lease;
    }

    /**
     * @return one entry per prompt handled, as the original's {@code execute} reported them
     * @throws SQLException when the database fails
     * @throws InterruptedException when the thread is interrupted (the server stops): the claimed prompts not tried
     *             yet are released for the next pass; the one being delivered is taken up again when its lease
     *             expired, as its delivery may or may not have happened
     */
    List<Map<String, Object>> runOnce() throws SQLException, InterruptedException {
        if (!store.exists()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        List<Reminder> claimed = store.claimDue(now(), lease, BATCH, token);
        List<Map<String, Object>> results = new ArrayList<>();
        try {
            for (Reminder reminder : claimed) {
                results.add(deliver(reminder, token));
            }
        } finally {
            if (results.size() + 1 < claimed.size()) {
                release(claimed.subList(results.size() + 1, claimed.size()), token);
            }
        }
        return results;
    }

    private void release(List<Reminder> untried, String token) {
        try {
            store.releaseClaims(untried.stream().map(Reminder::id).toList(), token);
        } catch (SQLException e) {
            LOG.warn("cannot release {} claimed prompts; they are taken up when the lease expires: {}",
                    untried.size(), e.toString());
        }
    }

    private Map<String, Object> deliver(Reminder reminder, String token) throws SQLException, InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", reminder.id());
        result.put("agent_id", reminder.agentId());
        Schedule schedule;
        try {
            schedule = reminder.schedule();
        } catch (IllegalArgumentException e) {
            // a row this plugin cannot schedule is not sent (it would be sent again on every pass): it is given up
            return failed(reminder, token, result, "Invalid stored schedule " + reminder.scheduleType() + " "
                    + reminder.scheduleValue() + ": " + e.getMessage(), true);
        }
        try {
            letta.sendMessage(reminder.agentId(), reminder.prompt());
        } catch (LettaClient.LettaException e) {
            return failed(reminder, token, result, e.getMessage(), false);
        }
        Instant now = now();
        int count = reminder.repetitionCount() + 1;
        boolean limitReached = reminder.maxRepetitions() != null && count >= reminder.maxRepetitions();
        Instant next = limitReached ? null : schedule.nextAfter(reminder.nextRun(), now);
        store.recordDelivered(reminder, token, now, next);
        LOG.info("prompt {} delivered to agent {} (delivery {}{})", reminder.id(), reminder.agentId(), count,
                next == null ? ", finished" : ", next run " + next);
        result.put("delivered", true);
        result.put("next_run", Reminder.iso(next));
        result.put("repetition_count", count);
        result.put("max_repetitions", reminder.maxRepetitions());
        result.put("completed", next == null);
        return result;
    }

    /** Records a failure: a retry after the back-off delay, or (at the limit, or when told) giving up. */
    private Map<String, Object> failed(Reminder reminder, String token, Map<String, Object> result, String error,
            boolean giveUp) throws SQLException {
        Instant now = now();
        int failures = reminder.failureCount() + 1;
        Duration delay = giveUp ? null : retries.delayAfter(failures);
        Instant retryAt = delay == null ? null : now.plus(delay);
        store.recordFailed(reminder, token, now, failures, retryAt, error);
        LOG.warn("prompt {} not delivered to agent {} (failure {} of {}{}): {}", reminder.id(), reminder.agentId(),
                failures, retries.maxFailures(), retryAt == null ? ", deactivated" : ", retry at " + retryAt, error);
        result.put("delivered", false);
        result.put("error", error);
        result.put("failure_count", failures);
        result.put("retry_at", Reminder.iso(retryAt));
        result.put("deactivated", retryAt == null);
        result.put("next_run", Reminder.iso(reminder.nextRun()));
        return result;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
