package dev.smcp.plugin.clock.internal;

import static dev.smcp.plugin.clock.internal.Calls.invalid;
import static dev.smcp.plugin.clock.internal.Calls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AddToolTest {

    private final AddTool tool = new AddTool(Calls.FIXED);

    @Test
    void toNowByDefault() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("duration", "PT30M"));
        assertEquals("2026-11-24T10:00:15Z", result.get("instant"));
        assertEquals(1795514415L, result.get("epoch_seconds"));
        assertEquals("UTC", result.get("zone"));
        assertEquals("Tuesday", result.get("weekday"));
        assertEquals("2026-11-24T09:30:15Z", result.get("start"));
        assertEquals("PT30M", result.get("duration"));
    }

    @Test
    void toNowInAZone() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("duration", "P7D", "zone", "Australia/Sydney"));
        assertEquals("2026-12-01T20:30:15", result.get("local_date_time"));
        assertEquals("+11:00", result.get("offset"));
    }

    @Test
    void daysFollowTheCalendarAndHoursAreExact() throws Exception {
        Map<String, Object> day = ok(tool, Map.of("date_time", "2026-03-28T12:00:00", "zone", "Europe/Paris",
                "duration", "P1D"));
        assertEquals("2026-03-29T12:00:00", day.get("local_date_time"));
        assertEquals("+02:00", day.get("offset"));
        assertEquals("2026-03-29T10:00:00Z", day.get("instant"));
        Map<String, Object> hours = ok(tool, Map.of("date_time", "2026-03-28T12:00:00", "zone", "Europe/Paris",
                "duration", "PT24H"));
        assertEquals("2026-03-29T13:00:00", hours.get("local_date_time"));
    }

    @Test
    void monthsEndAtTheEndOfShorterMonths() throws Exception {
        assertEquals("2026-02-28T08:00:00", ok(tool, Map.of("date_time", "2026-01-31T08:00:00Z", "duration", "P1M"))
                .get("local_date_time"));
        assertEquals("2028-02-29T08:00:00", ok(tool, Map.of("date_time", "2027-02-28T08:00:00Z", "duration",
                "P1Y1D")).get("local_date_time"));
    }

    @Test
    void negativeDurationsSubtract() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("date_time", "2026-11-24T09:30:00Z", "duration", "-P2WT1.25S"));
        assertEquals("2026-11-10T09:29:58.750Z", result.get("instant"));
        assertEquals("-P14DT1.25S", result.get("duration"));
    }

    @Test
    void theResultIsShownInTheGivenZoneOrInTheDateTimesOwnOffset() throws Exception {
        Map<String, Object> own = ok(tool, Map.of("date_time", "2026-11-24T09:30:00-05:00", "duration", "pt90m"));
        assertEquals("-05:00", own.get("zone"));
        assertEquals("2026-11-24T11:00:00-05:00", own.get("date_time"));
        assertEquals("PT1H30M", own.get("duration"));
        Map<String, Object> converted = ok(tool, Map.of("date_time", "2026-11-24T09:30:00-05:00", "duration", "PT1H",
                "zone", "Europe/Paris"));
        assertEquals("2026-11-24T16:30:00+01:00", converted.get("date_time"));
    }

    @Test
    void badDurationsNameTheField() throws Exception {
        String expected = " is not an ISO-8601 duration (expected e.g. PT30M, PT1H30M, P1D, P1Y2M, P2W or -PT15M)";
        assertEquals("duration: \"30 minutes\"" + expected, invalid(tool, Map.of("duration", "30 minutes")));
        assertEquals("duration: \"P\"" + expected, invalid(tool, Map.of("duration", "P")));
        assertEquals("duration: \"PT\"" + expected, invalid(tool, Map.of("duration", "PT")));
        assertEquals("duration: \"P1H\"" + expected, invalid(tool, Map.of("duration", "P1H")));
        assertEquals("duration: is required", invalid(tool, Map.of("date_time", "2026-11-24T09:30:00Z")));
        assertEquals("duration: \"P99999999999Y\" is out of range", invalid(tool, Map.of("duration", "P99999999999Y")));
    }

    @Test
    void resultsBeyondTheCalendarAreRefused() throws Exception {
        assertEquals("duration: P999999999Y takes the date-time out of the supported range (years -999999999 to "
                + "999999999)", invalid(tool, Map.of("duration", "P999999999Y")));
        assertEquals("duration: PT2562047788015215H30M7S takes the date-time out of the supported range (years "
                + "-999999999 to 999999999)", invalid(tool, Map.of("duration", "PT9223372036854775807S")));
    }
}
