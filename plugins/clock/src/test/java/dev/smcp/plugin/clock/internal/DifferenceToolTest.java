package dev.smcp.plugin.clock.internal;

import static dev.smcp.plugin.clock.internal.Calls.invalid;
import static dev.smcp.plugin.clock.internal.Calls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DifferenceToolTest {

    private final DifferenceTool tool = new DifferenceTool(Calls.FIXED);

    @Test
    void secondsAndAnIsoDuration() throws Exception {
        assertEquals(Map.of("start", "2026-11-24T09:30:00Z", "end", "2026-11-25T12:00:00Z", "seconds", 95400L,
                "duration", "P1DT2H30M"), ok(tool, Map.of("start", "2026-11-24T09:30:00Z", "end",
                        "2026-11-25T13:00:00+01:00")));
    }

    @Test
    void endBeforeStartIsNegative() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("start", "2026-11-24T10:00:00Z", "end", "2026-11-24T09:30:00Z"));
        assertEquals(-1800L, result.get("seconds"));
        assertEquals("-PT30M", result.get("duration"));
    }

    @Test
    void fractionsOfASecondAreKept() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("start", "2026-11-24T10:00:00Z", "end", "2026-11-24T09:59:59.5Z"));
        assertEquals(new BigDecimal("-0.5"), result.get("seconds"));
        assertEquals("-PT0.5S", result.get("duration"));
        Map<String, Object> nanos = ok(tool, Map.of("start", "2026-11-24T10:00:00Z", "end",
                "2026-11-24T10:01:01.000000001Z"));
        assertEquals(new BigDecimal("61.000000001"), nanos.get("seconds"));
        assertEquals("PT1M1.000000001S", nanos.get("duration"));
    }

    @Test
    void noDifference() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("start", "2026-11-24T10:00:00+01:00", "end", "2026-11-24T09:00Z"));
        assertEquals(0L, result.get("seconds"));
        assertEquals("PT0S", result.get("duration"));
    }

    @Test
    void localDateTimesAreReadInTheZoneSoADaylightSavingDayHas23Hours() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("start", "2026-03-29T00:00:00", "end", "2026-03-30T00:00:00",
                "zone", "Europe/Paris"));
        assertEquals(82800L, result.get("seconds"));
        assertEquals("PT23H", result.get("duration"));
        assertEquals("2026-03-28T23:00:00Z", result.get("start"));
        assertEquals(86400L, ok(tool, Map.of("start", "2026-03-29T00:00:00", "end", "2026-03-30T00:00:00"))
                .get("seconds"), "UTC by default");
    }

    @Test
    void longSpans() throws Exception {
        Map<String, Object> result = ok(tool, Map.of("start", "2000-01-01T00:00:00Z", "end", "2026-01-01T00:00:01Z"));
        assertEquals(820540801L, result.get("seconds"));
        assertEquals("P9497DT1S", result.get("duration"));
    }

    @Test
    void badArgumentsNameTheirFields() throws Exception {
        assertEquals("end: is required", invalid(tool, Map.of("start", "2026-11-24T10:00:00Z")));
        assertEquals("start: expected string, got number 1795512615; end: is required",
                invalid(tool, Map.of("start", 1795512615L)));
        assertEquals("end: 2026-03-29T02:30:00 does not exist in Europe/Paris (the clocks go from +01:00 to +02:00 at "
                + "2026-03-29T02:00:00)", invalid(tool, Map.of("start", "2026-03-29T00:00:00", "end",
                        "2026-03-29T02:30:00", "zone", "Europe/Paris")));
    }
}
