package dev.smcp.plugin.promptyoself.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code unified_reminders} as this plugin reads it.
 *
 * @param id the row id
 * @param agentId the Letta agent the prompt goes to
 * @param prompt the prompt text ({@code message})
 * @param scheduleType the stored schedule type ({@code once}, {@code cron}, {@code interval})
 * @param scheduleValue the stored schedule value
 * @param timeZone the zone of cron fields, {@code null} for UTC (rows written by the original)
 * @param nextRun the next scheduled run
 * @param active whether it still runs
 * @param status {@code pending}, {@code completed}, {@code failed}, {@code cancelled} (or what another program wrote)
 * @param createdAt when it was registered
 * @param lastRun the last delivery, or {@code null}
 * @param maxRepetitions how many deliveries at most, or {@code null} for no limit
 * @param repetitionCount how many deliveries happened
 * @param failureCount consecutive failed deliveries
 * @param retryAt when a failed delivery is tried again, or {@code null}
 * @param lastError why the last delivery failed, or {@code null}
 */
record Reminder(long id, String agentId, String prompt, String scheduleType, String scheduleValue, String timeZone,
        Instant nextRun, boolean active, String status, Instant createdAt, Instant lastRun, Integer maxRepetitions,
        int repetitionCount, int failureCount, Instant retryAt, String lastError) {

    /**
     * @return the schedule; a type this plugin does not know (rows of other programs) counts as once
     * @throws IllegalArgumentException when the stored values cannot be a schedule (an unknown zone, a bad cron
     *             expression or interval)
     */
    Schedule schedule() {
        Schedule.Type type = Schedule.Type.fromStored(scheduleType);
        if (type == null) {
            return new Schedule(Schedule.Type.ONCE, scheduleValue, ZoneId.of("UTC"));
        }
        Schedule schedule = new Schedule(type, scheduleValue,
                timeZone == null ? ZoneId.of("UTC") : Schedule.parseZone(timeZone));
        if (type != Schedule.Type.ONCE && scheduleValue == null) {
            throw new IllegalArgumentException("no schedule value");
        }
        if (type == Schedule.Type.CRON) {
            CronExpression.parse(scheduleValue);
        } else if (type == Schedule.Type.INTERVAL) {
            Schedule.parseInterval(scheduleValue);
        }
        return schedule;
    }

    /** @return the row as the {@code list} tool shows it (the original's fields first) */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("agent_id", agentId);
        json.put("prompt_text", prompt);
        json.put("schedule_type", scheduleType);
        json.put("schedule_value", scheduleValue);
        json.put("next_run", iso(nextRun));
        json.put("active", active);
        json.put("created_at", iso(createdAt));
        json.put("last_run", iso(lastRun));
        json.put("max_repetitions", maxRepetitions);
        json.put("repetition_count", repetitionCount);
        json.put("status", status);
        json.put("time_zone", timeZone == null ? "UTC" : timeZone);
        json.put("failure_count", failureCount);
        json.put("retry_at", iso(retryAt));
        json.put("last_error", lastError);
        return json;
    }

    /** @return the instant as ISO-8601 in UTC ({@code 2026-12-03T14:00:00Z}), or {@code null} */
    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
