package dev.smcp.plugin.promptyoself.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private static String next(String cron, String after, ZoneId zone) {
        return CronExpression.parse(cron).next(Instant.parse(after), zone).toString();
    }

    @Test
    void fieldsListsRangesAndSteps() {
        assertEquals("2026-12-03T12:15:00Z", next("*/15 * * * *", "2026-12-03T12:00:00Z", UTC));
        assertEquals("2026-12-03T12:01:00Z", next("* * * * *", "2026-12-03T12:00:59.999Z", UTC),
                "strictly after, on whole minutes");
        assertEquals("2026-12-03T14:05:00Z", next("5 8-18/2 * * *", "2026-12-03T12:05:00Z", UTC));
        assertEquals("2026-12-04T08:05:00Z", next("5 8-18/2 * * *", "2026-12-03T18:05:00Z", UTC));
        assertEquals("2026-12-03T12:30:00Z", next("0,30 * * * *", "2026-12-03T12:00:00Z", UTC));
        assertEquals("2027-01-01T00:00:00Z", next("@yearly", "2026-12-03T12:00:00Z", UTC));
        assertEquals("2026-12-03T13:00:00Z", next("@hourly", "2026-12-03T12:00:00Z", UTC));
    }

    @Test
    void namesAndWeekdays() {
        // 2026-12-03 is a Thursday
        assertEquals("2026-12-07T09:00:00Z", next("0 9 * * MON-FRI", "2026-12-04T09:00:00Z", UTC));
        assertEquals("2026-12-06T00:00:00Z", next("0 0 * * 7", "2026-12-03T12:00:00Z", UTC), "7 is Sunday");
        assertEquals("2026-12-06T00:00:00Z", next("0 0 * * sun", "2026-12-03T12:00:00Z", UTC));
        assertEquals("2027-03-01T00:00:00Z", next("0 0 1 mar *", "2026-12-03T12:00:00Z", UTC));
    }

    @Test
    void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
        assertEquals("2026-12-07T00:00:00Z", next("0 0 13 * MON", "2026-12-03T12:00:00Z", UTC), "the Monday");
        assertEquals("2026-12-13T00:00:00Z", next("0 0 13 * MON", "2026-12-07T12:00:00Z", UTC), "the 13th");
        assertEquals("2028-02-29T00:00:00Z", next("0 0 29 2 *", "2026-12-03T12:00:00Z", UTC), "leap day");
    }

    @Test
    void readInAZoneAcrossDaylightSavingTime() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertEquals("2026-12-04T08:00:00Z", next("0 9 * * *", "2026-12-03T12:00:00Z", paris), "winter: +01:00");
        assertEquals("2026-07-01T07:00:00Z", next("0 9 * * *", "2026-06-30T12:00:00Z", paris), "summer: +02:00");
        // 2026-03-29 02:30 does not exist in Paris: that day is skipped
        assertEquals("2026-03-30T00:30:00Z", next("30 2 * * *", "2026-03-28T12:00:00Z", paris));
        // 2026-10-25 02:30 happens twice: the earlier one fires
        assertEquals("2026-10-25T00:30:00Z", next("30 2 * * *", "2026-10-24T12:00:00Z", paris));
    }

    @Test
    void badExpressionsSayWhy() {
        assertEquals("expected 5 fields (minute hour day-of-month month day-of-week), got 3",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("* * *")).getMessage());
        assertEquals("minute: 60 is outside 0-59",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("60 * * * *")).getMessage());
        assertEquals("hour: \"x\" is not a number",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 x * * *")).getMessage());
        assertEquals("month: \"FOO\" is not a number or a name such as FEB",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 0 1 FOO *")).getMessage());
        assertEquals("hour: range 5-3 runs backwards",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 5-3 * * *")).getMessage());
        assertEquals("it never fires",
                assertThrows(IllegalArgumentException.class, () -> CronExpression.parse("0 0 30 2 *")).getMessage());
    }
}
