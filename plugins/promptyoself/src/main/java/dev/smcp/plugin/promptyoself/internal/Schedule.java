package dev.smcp.plugin.promptyoself.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a prompt runs: once, on a cron expression, or every interval; stored as the original's
 * {@code schedule_type} ({@code once}, {@code cron}, {@code interval}) and {@code schedule_value}.
 * <p>
 * Next runs are computed from the schedule, never from when a delivery happened, so they do not drift: an interval
 * stays on the grid {@code first run + k * interval}, a cron expression on its firing times. Runs missed while the
 * server was down are coalesced: the prompt is delivered once, and the next run is the first time on the schedule
 * after "now".
 *
 * @param type the kind of schedule
 * @param value the text the schedule was given as
 * @param zone the zone cron fields are read in
 */
record Schedule(Type type, String value, ZoneId zone) {

    /** Kinds of schedule, by their stored names. */
    enum Type {
        ONCE, CRON, INTERVAL;

        /** @return the stored name */
        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return the type stored under this name, or {@code null} */
        static Type fromStored(String name) {
            for (Type type : values()) {
                if (type.stored().equals(name)) {
                    return type;
                }
            }
            return null;
        }
    }

    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,9})\\s*([smhd]?)", Pattern.CASE_INSENSITIVE);

    /**
     * @param text an interval: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, a number of seconds, or an ISO-8601
     *            duration such as {@code PT1H30M}
     * @return the interval, positive
     * @throws IllegalArgumentException when it is not one
     */
    static Duration parseInterval(String text) {
        String trimmed = text.strip();
        Matcher matcher = INTERVAL.matcher(trimmed);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Invalid interval format: " + text
                        + ". Use formats like '30s', '5m', '1h'");
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Interval must be positive: " + text);
        }
        return duration;
    }

    /**
     * @param text an ISO-8601 date-time with an offset ({@code 2026-12-03T14:00:00Z}, {@code ...+01:00}), with an
     *            offset and zone ({@code ...+01:00[Europe/Paris]}), or local ({@code 2026-12-03T14:00}, also with a
     *            space instead of the {@code T})
     * @param zone the zone of a local date-time
     * @return the instant
     * @throws IllegalArgumentException when it is not one
     */
    static Instant parseTime(String text, ZoneId zone) {
        String trimmed = text.strip();
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(trimmed, ZonedDateTime::from,
                    LocalDateTime::from);
            ZonedDateTime zoned = parsed instanceof ZonedDateTime z ? z : ((LocalDateTime) parsed).atZone(zone);
            return zoned.toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid ISO date-time: " + text
                    + " (expected e.g. 2026-12-03T14:00:00Z, 2026-12-03T15:00:00+01:00 or 2026-12-03T14:00:00)");
        }
    }

    /**
     * @param text an IANA zone id or UTC offset, in any letter case
     * @return the zone
     * @throws IllegalArgumentException for an unknown zone
     */
    static ZoneId parseZone(String text) {
        String trimmed = text.strip();
        try {
            return ZoneId.of(trimmed);
        } catch (DateTimeException e) {
            for (String id : ZoneId.getAvailableZoneIds()) {
                if (id.equalsIgnoreCase(trimmed)) {
                    return ZoneId.of(id);
                }
            }
            throw new IllegalArgumentException("Unknown time zone: " + text
                    + " (expected an IANA zone such as Europe/Paris or UTC, or an offset such as +05:30)");
        }
    }

    /**
     * The next run after one that is due.
     *
     * @param scheduled the run that was due (the stored {@code next_run}), the anchor of the schedule
     * @param now the current time
     * @return the first run on the schedule strictly after {@code now}, or {@code null} for a one-off prompt
     */
    Instant nextAfter(Instant scheduled, Instant now) {
        return switch (type) {
            case ONCE -> null;
            case CRON -> CronExpression.parse(value).next(scheduled.isAfter(now) ? scheduled : now, zone);
            case INTERVAL -> {
                Duration every = parseInterval(value);
                Instant next = scheduled.plus(every);
                if (!next.isAfter(now)) {
                    long behind = Duration.between(scheduled, now).toNanos() / every.toNanos();
                    next = scheduled.plus(every.multipliedBy(behind));
                    while (!next.isAfter(now)) {
                        next = next.plus(every);
                    }
                }
                yield next;
            }
        };
    }
}
