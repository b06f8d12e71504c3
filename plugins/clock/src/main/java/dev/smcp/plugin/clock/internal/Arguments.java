package dev.smcp.plugin.clock.internal;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments of one call and collects every problem with them, so that the model learns all of its
 * mistakes at once. Getters return {@code null} for an absent argument (JSON {@code null} counts as absent) and for
 * an unusable one; {@link #done()} then fails if there was any problem. Messages follow the server's validation
 * messages: {@code <field>: <problem>}.
 */
final class Arguments {

    /** Longest piece of a client's value quoted back in a message. */
    private static final int QUOTE_LIMIT = 80;

    private final Map<String, Object> values;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param values the call arguments
     * @param names the parameters of the tool; any other argument is a problem
     */
    Arguments(Map<String, Object> values, String... names) {
        this.values = values;
        List<String> known = List.of(names);
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problems.add(cut(key) + ": unknown parameter (expected one of: " + String.join(", ", known) + ")");
            }
        }
    }

    /** @return the text without surrounding whitespace, or {@code null} */
    String string(String name, boolean required) {
        Object value = values.get(name);
        if (value == null) {
            if (required) {
                problems.add(name + ": is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            problems.add(name + ": expected string, got " + describe(value));
            return null;
        }
        if (text.isBlank()) {
            problems.add(name + ": must not be empty");
            return null;
        }
        return text.strip();
    }

    /**
     * A time zone: an IANA region id (any case, e.g. {@code Europe/Paris}, {@code utc}) or a UTC offset
     * ({@code +05:30}, {@code Z}).
     *
     * @return the zone, or {@code null}
     */
    ZoneId zone(String name, boolean required) {
        String text = string(name, required);
        if (text == null) {
            return null;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(text)) {
                    return ZoneId.of(id);
                }
            }
            problems.add(name + ": unknown time zone " + quote(text)
                    + " (expected an IANA time zone such as Europe/Paris or UTC, or an offset such as +05:30)");
            return null;
        }
    }

    /**
     * An ISO-8601 date-time: with an offset ({@code 2026-11-24T09:30:00Z}, {@code 2026-11-24T10:30+01:00}), with an
     * offset and a zone ({@code 2026-11-24T10:30+01:00[Europe/Paris]}), or local ({@code 2026-11-24T10:30}).
     *
     * @return the date-time, or {@code null}
     */
    DateTimeArgument dateTime(String name, boolean required) {
        String text = string(name, required);
        if (text == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? new DateTimeArgument(name, null, zoned)
                    : new DateTimeArgument(name, (LocalDateTime) parsed, null);
        } catch (DateTimeParseException e) {
            problems.add(name + ": " + quote(text) + " is not an ISO-8601 date-time (expected e.g. "
                    + "2026-11-24T09:30:00Z, 2026-11-24T10:30:00+01:00 or 2026-11-24T10:30:00)");
            return null;
        }
    }

    /**
     * An ISO-8601 duration, see {@link IsoDuration#parse(String)}.
     *
     * @return the duration, or {@code null}
     */
    IsoDuration duration(String name, boolean required) {
        String text = string(name, required);
        if (text == null) {
            return null;
        }
        try {
            return IsoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + quote(text) + " " + e.getMessage());
            return null;
        }
    }

    /** @throws InvalidArgumentsException listing every problem found so far, if there is one */
    void done() throws InvalidArgumentsException {
        if (!problems.isEmpty()) {
            throw new InvalidArgumentsException(String.join("; ", problems));
        }
    }

    /** @return the text in double quotes, cut to a readable length */
    static String quote(String text) {
        return "\"" + cut(text) + "\"";
    }

    /** @return the text cut to a readable length */
    static String cut(String text) {
        return text.length() > QUOTE_LIMIT ? text.substring(0, QUOTE_LIMIT) + "..." : text;
    }

    private static String describe(Object value) {
        if (value instanceof Number number) {
            return "number " + number;
        }
        if (value instanceof Boolean bool) {
            return "boolean " + bool;
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return value.getClass().getSimpleName();
    }
}
