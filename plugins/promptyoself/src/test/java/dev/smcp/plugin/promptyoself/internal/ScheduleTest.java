package dev.smcp.plugin.promptyoself.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void intervals() {
        assertEquals(Duration.ofSeconds(30), Schedule.parseInterval("30s"));
        assertEquals(Duration.ofMinutes(5), Schedule.parseInterval("5m"));
        assertEquals(Duration.ofHours(1), Schedule.parseInterval(" 1H "));
        assertEquals(Duration.ofDays(2), Schedule.parseInterval("2d"));
        assertEquals(Duration.ofSeconds(90), Schedule.parseInterval("90"));
        assertEquals(Duration.ofMinutes(90), Schedule.parseInterval("PT1H30M"));
        assertEquals("Interval must be positive: 0s",
                assertThrows(IllegalArgumentException.class, () -> Schedule.parseInterval("0s")).getMessage());
        assertEquals("Invalid interval format: -5m. Use formats like '30s', '5m', '1h'",
                assertThrows(IllegalArgumentException.class, () -> Schedule.parseInterval("-5m")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parseInterval("5 minutes"));
    }

    @Test
    void isoTimesWithAndWithoutZones() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertEquals(Instant.parse("2026-12-03T14:00:00Z"), Schedule.parseTime("2026-12-03T14:00:00Z", paris));
        assertEquals(Instant.parse("2026-12-03T14:00:00Z"), Schedule.parseTime("2026-12-03T15:00:00+01:00", UTC));
        assertEquals(Instant.parse("2026-07-03T13:00:00Z"),
                Schedule.parseTime("2026-07-03T15:00+02:00[Europe/Paris]", UTC));
        assertEquals(Instant.parse("2026-12-03T14:00:00Z"), Schedule.parseTime("2026-12-03T14:00:00", UTC),
                "local times are read in the given zone");
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), Schedule.parseTime("2026-12-03 14:00:00", paris),
                "a space instead of T, as the original's stored values");
        assertEquals(Instant.parse("2026-12-03T14:00:00.123456Z"),
                Schedule.parseTime("2026-12-03T14:00:00.123456789Z", UTC), "stored to the microsecond");
        assertThrows(IllegalArgumentException.class, () -> Schedule.parseTime("tomorrow", UTC));
        assertEquals(ZoneId.of("America/New_York"), Schedule.parseZone("america/new_york"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parseZone("Mars/Olympus"));
    }

    @Test
    void intervalsStayOnTheirGridWhateverTheDeliveryTime() {
        Schedule every = new Schedule(Schedule.Type.INTERVAL, "5m", UTC);
        Instant scheduled = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals(Instant.parse("2026-12-03T12:05:00Z"),
                every.nextAfter(scheduled, Instant.parse("2026-12-03T12:00:07.5Z")), "delivered 7.5 s late: no drift");
        assertEquals(Instant.parse("2026-12-03T12:05:00Z"), every.nextAfter(scheduled, scheduled));
        // down from 12:00 to 12:17: the missed 12:05, 12:10, 12:15 are coalesced, the grid is kept
        assertEquals(Instant.parse("2026-12-03T12:20:00Z"),
                every.nextAfter(scheduled, Instant.parse("2026-12-03T12:17:00Z")));
        assertEquals(Instant.parse("2026-12-03T12:25:00Z"),
                every.nextAfter(scheduled, Instant.parse("2026-12-03T12:20:00Z")), "strictly after now");
    }

    @Test
    void cronRunsFollowTheExpressionAndSkipMissedRuns() {
        Schedule cron = new Schedule(Schedule.Type.CRON, "0 * * * *", UTC);
        Instant scheduled = Instant.parse("2026-12-03T12:00:00Z");
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"),
                cron.nextAfter(scheduled, Instant.parse("2026-12-03T12:00:42Z")));
        assertEquals(Instant.parse("2026-12-03T16:00:00Z"),
                cron.nextAfter(scheduled, Instant.parse("2026-12-03T15:30:00Z")), "after downtime");
        Schedule paris = new Schedule(Schedule.Type.CRON, "0 9 * * *", ZoneId.of("Europe/Paris"));
        assertEquals(Instant.parse("2026-12-04T08:00:00Z"),
                paris.nextAfter(Instant.parse("2026-12-03T08:00:00Z"), Instant.parse("2026-12-03T08:00:01Z")));
    }

    @Test
    void onceHasNoNextRun() {
        assertNull(new Schedule(Schedule.Type.ONCE, "2026-12-03T12:00:00Z", UTC)
                .nextAfter(Instant.parse("2026-12-03T12:00:00Z"), Instant.parse("2026-12-03T12:00:01Z")));
    }

    @Test
    void retryDelaysDoubleUpToTheLimit() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofSeconds(100));
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(1));
        assertEquals(Duration.ofSeconds(60), policy.delayAfter(2));
        assertEquals(Duration.ofSeconds(100), policy.delayAfter(3));
        assertEquals(Duration.ofSeconds(100), policy.delayAfter(4));
        assertNull(policy.delayAfter(5), "given up");
    }
}
