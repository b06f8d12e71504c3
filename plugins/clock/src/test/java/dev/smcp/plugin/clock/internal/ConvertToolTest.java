package dev.smcp.plugin.clock.internal;

import static dev.smcp.plugin.clock.internal.Calls.invalid;
import static dev.smcp.plugin.clock.internal.Calls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConvertToolTest {

    private final ConvertTool tool = new ConvertTool(Calls.FIXED);

    @Test
    void localDateTimeFromOneZoneToAnother() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("date_time", "2026-07-01T09:00:00", "from_zone",
                "America/New_York", "to_zone", "Asia/Tokyo"));
        assertEquals("2026-07-01T13:00:00Z", result.get("instant"));
        assertEquals(1782910800L, result.get("epoch_seconds"));
        assertEquals(Map.of("zone", "America/New_York", "offset", "-04:00", "date_time", "2026-07-01T09:00:00-04:00",
                "local_date_time", "2026-07-01T09:00:00", "weekday", "Wednesday"), result.get("from"));
        assertEquals(Map.of("zone", "Asia/Tokyo", "offset", "+09:00", "date_time", "2026-07-01T22:00:00+09:00",
                "local_date_time", "2026-07-01T22:00:00", "weekday", "Wednesday"), result.get("to"));
    }

    @Test
    void daylightSavingTimeIsApplied() throws Exception {
        Map<?, ?> winter = (Map<?, ?>) ok(tool, Map.of("date_time", "2026-01-15T12:00:00Z", "to_zone",
                "Europe/London")).get("to");
        Map<?, ?> summer = (Map<?, ?>) ok(tool, Map.of("date_time", "2026-06-15T12:00:00Z", "to_zone",
                "Europe/London")).get("to");
        assertEquals("2026-01-15T12:00:00", winter.get("local_date_time"));
        assertEquals("2026-06-15T13:00:00", summer.get("local_date_time"));
    }

    @Test
    void anOffsetInTheDateTimeIsItsOwnFromZone() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("date_time", "2026-11-24T10:30:00.5+01:00", "to_zone", "UTC"));
        assertEquals("2026-11-24T09:30:00.500Z", result.get("instant"));
        assertEquals("+01:00", ((Map<?, ?>) result.get("from")).get("zone"));
        assertEquals("2026-11-24T09:30:00.5", ((Map<?, ?>) result.get("to")).get("local_date_time"));

        Map<?, ?> from = (Map<?, ?>) ok(tool, Map.of("date_time", "2026-11-24T10:30:00+01:00[Europe/Paris]",
                "to_zone", "UTC")).get("from");
        assertEquals("Europe/Paris", from.get("zone"));
    }

    @Test
    void fromZoneShowsADateTimeWithOffsetThereToo() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("date_time", "2026-11-24T09:30:00Z", "from_zone",
                "Europe/Berlin", "to_zone", "America/Sao_Paulo"));
        assertEquals("2026-11-24T10:30:00", ((Map<?, ?>) result.get("from")).get("local_date_time"));
        assertEquals("2026-11-24T06:30:00", ((Map<?, ?>) result.get("to")).get("local_date_time"));
    }

    @Test
    void aLocalDateTimeWithoutFromZoneIsUtc() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("date_time", "2026-11-24T09:30", "to_zone", "Asia/Kolkata"));
        assertEquals("2026-11-24T09:30:00Z", result.get("instant"));
        assertEquals("UTC", ((Map<?, ?>) result.get("from")).get("zone"));
    }

    @Test
    void skippedAndRepeatedLocalTimesAreRefusedRatherThanGuessed() throws Exception {
        assertEquals("date_time: 2026-03-29T02:30:00 does not exist in Europe/Paris (the clocks go from +01:00 to "
                + "+02:00 at 2026-03-29T02:00:00)", invalid(tool, Map.of("date_time", "2026-03-29T02:30:00",
                        "from_zone", "Europe/Paris", "to_zone", "UTC")));
        assertEquals("date_time: 2026-10-25T02:30:00 occurs twice in Europe/Paris (at +02:00 and at +01:00); add the "
                + "offset, e.g. 2026-10-25T02:30:00+02:00", invalid(tool, Map.of("date_time", "2026-10-25T02:30:00",
                        "from_zone", "Europe/Paris", "to_zone", "UTC")));
        assertEquals("2026-10-25T01:30:00Z", ok(tool, Map.of("date_time", "2026-10-25T02:30:00+01:00", "from_zone",
                "Europe/Paris", "to_zone", "UTC")).get("instant"));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        assertEquals("date_time: \"next tuesday\" is not an ISO-8601 date-time (expected e.g. 2026-11-24T09:30:00Z, "
                + "2026-11-24T10:30:00+01:00 or 2026-11-24T10:30:00); to_zone: is required",
                invalid(tool, Map.of("date_time", "next tuesday")));
        assertEquals("date_time: is required; from_zone: unknown time zone \"CET+1\" (expected an IANA time zone "
                + "such as Europe/Paris or UTC, or an offset such as +05:30); to_zone: expected string, got boolean true",
                invalid(tool, Map.of("from_zone", "CET+1", "to_zone", true)));
    }

    @Test
    void theQuotedValueIsCut() throws Exception {
        String message = invalid(tool, Map.of("date_time", "x".repeat(500), "to_zone", "UTC"));
        assertEquals("date_time: \"" + "x".repeat(80) + "...\" is not an ISO-8601 date-time (expected e.g. "
                + "2026-11-24T09:30:00Z, 2026-11-24T10:30:00+01:00 or 2026-11-24T10:30:00)", message);
    }
}
