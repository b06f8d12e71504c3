package dev.smcp.plugin.clock.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How the clock tools write a moment in their results. */
final class Moments {

    private Moments() {
    }

    /**
     * @return {@code instant} (ISO-8601 in UTC) and {@code epoch_seconds} (whole seconds since 1970-01-01T00:00:00Z,
     *         rounded down)
     */
    static Map<String, Object> instant(Instant instant) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instant", DateTimeFormatter.ISO_INSTANT.format(instant));
        json.put("epoch_seconds", instant.getEpochSecond());
        return json;
    }

    /**
     * @return the moment as seen in its zone: {@code zone} (the id), {@code offset} from UTC, {@code date_time}
     *         (ISO-8601 with the offset), {@code local_date_time} (without it) and {@code weekday} (in English)
     */
    static Map<String, Object> local(ZonedDateTime dateTime) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("zone", dateTime.getZone().getId());
        json.put("offset", dateTime.getOffset().getId());
        json.put("date_time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime));
        json.put("local_date_time", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime));
        json.put("weekday", dateTime.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        return json;
    }

    /** @return {@link #instant(Instant)} followed by {@link #local(ZonedDateTime)} */
    static Map<String, Object> moment(ZonedDateTime dateTime) {
        Map<String, Object> json = instant(dateTime.toInstant());
        json.putAll(local(dateTime));
        return json;
    }
}
