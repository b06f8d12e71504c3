package dev.smcp.plugin.clock.internal;

import static dev.smcp.plugin.clock.internal.Calls.invalid;
import static dev.smcp.plugin.clock.internal.Calls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class NowToolTest {

    private final NowTool tool = new NowTool(Calls.FIXED);

    @Test
    void utcByDefaultToTheSecond() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("instant", "2026-11-24T09:30:15Z");
        expected.put("epoch_seconds", 1795512615L);
        expected.put("zone", "UTC");
        expected.put("offset", "Z");
        expected.put("date_time", "2026-11-24T09:30:15Z");
        expected.put("local_date_time", "2026-11-24T09:30:15");
        expected.put("weekday", "Tuesday");
        Map<String, Object> result = ok(tool, Map.of());
        assertEquals(expected, result);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(result.keySet()), "field order");
    }

    @Test
    void inAZone() throws Exception {
        Map<String, Object> paris = ok(tool, Map.of("zone", "Europe/Paris"));
        assertEquals("2026-11-24T09:30:15Z", paris.get("instant"));
        assertEquals("Europe/Paris", paris.get("zone"));
        assertEquals("+01:00", paris.get("offset"));
        assertEquals("2026-11-24T10:30:15+01:00", paris.get("date_time"));
        assertEquals("2026-11-24T10:30:15", paris.get("local_date_time"));

        Map<String, Object> auckland = ok(tool, Map.of("zone", "Pacific/Auckland"));
        assertEquals("2026-11-24T22:30:15", auckland.get("local_date_time"), "summer time there: +13:00");
        assertEquals("+13:00", auckland.get("offset"));
    }

    @Test
    void zoneNamesInAnyCaseAndOffsets() throws Exception {
        Map<String, Object> kolkata = ok(tool, Map.of("zone", " asia/KOLKATA "));
        assertEquals("Asia/Kolkata", kolkata.get("zone"));
        assertEquals("2026-11-24T15:00:15", kolkata.get("local_date_time"));
        Map<String, Object> offset = ok(tool, Map.of("zone", "-03:30"));
        assertEquals("-03:30", offset.get("zone"));
        assertEquals("2026-11-24T06:00:15", offset.get("local_date_time"));
    }

    @Test
    void nullZoneIsTheDefault() throws Exception {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("zone", null);
        assertEquals("UTC", ok(tool, arguments).get("zone"));
    }

    @Test
    void badZonesNameTheField() throws Exception {
        assertEquals("zone: unknown time zone \"Mars/Olympus\" (expected an IANA time zone such as Europe/Paris or "
                + "UTC, or an offset such as +05:30)", invalid(tool, Map.of("zone", "Mars/Olympus")));
        assertEquals("zone: expected string, got number 5", invalid(tool, Map.of("zone", 5L)));
        assertEquals("zone: must not be empty", invalid(tool, Map.of("zone", " ")));
    }

    @Test
    void unknownParametersAreRefused() throws Exception {
        assertEquals("timezone: unknown parameter (expected one of: zone)", invalid(tool, Map.of("timezone", "UTC")));
    }

    @Test
    void theSystemClockIsTheDefault() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        long now = ((Number) ok(new NowTool(), Map.of()).get("epoch_seconds")).longValue();
        long after = System.currentTimeMillis() / 1000;
        assertTrue(before <= now && now <= after, before + " <= " + now + " <= " + after);
    }
}
