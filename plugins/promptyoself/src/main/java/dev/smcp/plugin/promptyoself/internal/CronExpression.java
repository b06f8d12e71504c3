package dev.smcp.plugin.promptyoself.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression: minute, hour, day of month, month, day of week. A field is {@code *}, a
 * number, a range {@code a-b}, any of these with a step ({@code *}{@code /15}, {@code 8-18/2},
 * {@code 5/10}), or a comma-separated list of them. Months and weekdays may be named ({@code JAN}, {@code MON}); day
 * of week 0 and 7 are Sunday. As in Vixie cron, when both day of month and day of week are restricted, a day
 * matching either fires. The macros {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight} and {@code @hourly} are accepted. Immutable.
 */
final class CronExpression {

    private static final Map<String, String> MACROS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Searching further than this for a firing time means the expression never fires (e.g. 30 February). */
    private static final int SEARCH_YEARS = 8;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        minutes = field("minute", fields[0], 0, 59, List.of());
        hours = field("hour", fields[1], 0, 23, List.of());
        daysOfMonth = field("day of month", fields[2], 1, 31, List.of());
        months = field("month", fields[3], 1, 12, MONTHS);
        BitSet weekdays = field("day of week", fields[4], 0, 7, WEEKDAYS);
        if (weekdays.get(7)) {
            weekdays.set(0);
            weekdays.clear(7);
        }
        daysOfWeek = weekdays;
        dayOfMonthRestricted = !fields[2].equals("*") && !fields[2].equals("?");
        dayOfWeekRestricted = !fields[4].equals("*") && !fields[4].equals("?");
    }

    /**
     * @param text the expression
     * @return the parsed expression
     * @throws IllegalArgumentException naming the field that is wrong, or when the expression never fires
     */
    static CronExpression parse(String text) {
        String trimmed = text.strip();
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + fields.length);
        }
        CronExpression cron = new CronExpression(trimmed, fields);
        if (cron.next(Instant.parse("2000-01-01T00:00:00Z"), ZoneId.of("UTC")) == null) {
            throw new IllegalArgumentException("it never fires");
        }
        return cron;
    }

    /**
     * @param after the instant to start after
     * @param zone the zone the fields are read in
     * @return the first firing time strictly after {@code after}, or {@code null} if there is none in sight
     */
    Instant next(Instant after, ZoneId zone) {
        LocalDateTime candidate = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate limit = candidate.toLocalDate().plusYears(SEARCH_YEARS);
        while (candidate.toLocalDate().isBefore(limit)) {
            if (!months.get(candidate.getMonthValue())) {
                candidate = candidate.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
            } else if (!dayMatches(candidate.toLocalDate())) {
                candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
            } else if (!hours.get(candidate.getHour())) {
                candidate = candidate.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(candidate.getMinute())) {
                candidate = candidate.plusMinutes(1);
            } else {
                Instant instant = resolve(candidate, zone);
                if (instant != null && instant.isAfter(after)) {
                    return instant;
                }
                candidate = candidate.plusMinutes(1);
            }
        }
        return null;
    }

    /** A local time in a DST gap does not exist and is skipped; in an overlap the earlier instant counts. */
    private static Instant resolve(LocalDateTime local, ZoneId zone) {
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return null;
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    private static BitSet field(String name, String text, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(name, part.substring(slash + 1), 1, max, List.of());
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash > 0) {
                    from = number(name, range.substring(0, dash), min, max, names);
                    to = number(name, range.substring(dash + 1), min, max, names);
                    if (from > to) {
                        throw new IllegalArgumentException(name + ": range " + range + " runs backwards");
                    }
                } else {
                    from = number(name, range, min, max, names);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String name, String text, int min, int max, List<String> names) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + (names == MONTHS ? 1 : 0);
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": \"" + text + "\" is not a number"
                    + (names.isEmpty() ? "" : " or a name such as " + names.get(1)));
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " is outside " + min + "-" + max);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
