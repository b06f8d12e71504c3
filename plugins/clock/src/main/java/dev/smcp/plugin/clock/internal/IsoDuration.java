package dev.smcp.plugin.clock.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 duration such as {@code PT30M}, {@code P1D}, {@code P1Y2M3DT4H5M6.5S} or {@code -P1W}. Calendar units
 * (years, months, weeks, days) are added on the local time-line of a zone, so {@code P1D} keeps the wall-clock time
 * across a daylight saving change; time units (hours, minutes, seconds) are exact.
 *
 * @param negative whether the whole duration is negated (a leading {@code -})
 * @param period the calendar part
 * @param time the exact part
 */
record IsoDuration(boolean negative, Period period, Duration time) {

    private static final Pattern SYNTAX = Pattern.compile("([-+]?)P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
            + "(T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)(?:[.,](\\d{1,9}))?S)?)?", Pattern.CASE_INSENSITIVE);

    /**
     * @param text an ISO-8601 duration: {@code [-+]P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]} with at least one part,
     *            letters in any case
     * @return the duration
     * @throws IllegalArgumentException with a message that completes {@code "<field>: <text> "}
     */
    static IsoDuration parse(String text) {
        Matcher m = SYNTAX.matcher(text);
        boolean timeDesignatorWithoutPart = m.matches() && m.group(6) != null && m.group(7) == null
                && m.group(8) == null && m.group(9) == null;
        boolean empty = m.matches() && m.group(2) == null && m.group(3) == null && m.group(4) == null
                && m.group(5) == null && m.group(6) == null;
        if (!m.matches() || empty || timeDesignatorWithoutPart) {
            throw new IllegalArgumentException("is not an ISO-8601 duration (expected e.g. PT30M, PT1H30M, P1D, "
                    + "P1Y2M, P2W or -PT15M)");
        }
        try {
            int weeks = number(m.group(4));
            Period period = Period.of(number(m.group(2)), number(m.group(3)),
                    Math.addExact(Math.multiplyExact(weeks, 7), number(m.group(5))));
            Duration time = Duration.ofHours(longNumber(m.group(7))).plusMinutes(longNumber(m.group(8)))
                    .plusSeconds(longNumber(m.group(9)));
            if (m.group(10) != null) {
                time = time.plusNanos(Long.parseLong((m.group(10) + "00000000").substring(0, 9)));
            }
            return new IsoDuration("-".equals(m.group(1)), period, time);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("is out of range");
        }
    }

    /**
     * @return {@code start} plus this duration: the calendar part first, on the local time-line of its zone, then
     *         the exact part
     * @throws java.time.DateTimeException if the result is beyond the supported range (year 999999999)
     * @throws ArithmeticException if the result overflows
     */
    ZonedDateTime addTo(ZonedDateTime start) {
        return negative ? start.minus(period).minus(time) : start.plus(period).plus(time);
    }

    /** @return the canonical form: upper case, weeks as days, the exact part split into hours, minutes, seconds */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(negative ? "-P" : "P");
        if (period.getYears() != 0) {
            text.append(period.getYears()).append('Y');
        }
        if (period.getMonths() != 0) {
            text.append(period.getMonths()).append('M');
        }
        if (period.getDays() != 0) {
            text.append(period.getDays()).append('D');
        }
        appendTime(text, time);
        return text.length() == (negative ? 2 : 1) ? (negative ? "-PT0S" : "PT0S") : text.toString();
    }

    /**
     * @param duration an exact duration
     * @return it in ISO-8601 with days of 24 hours, e.g. {@code P1DT2H30M}, {@code -PT0.5S}, {@code PT0S}
     */
    static String format(Duration duration) {
        if (duration.isZero()) {
            return "PT0S";
        }
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-P" : "P");
        Duration positive = duration.abs();
        if (positive.toDays() != 0) {
            text.append(positive.toDays()).append('D');
        }
        appendTime(text, positive.minusDays(positive.toDays()));
        return text.toString();
    }

    /** @return the duration in seconds: an integer when whole, else a decimal with up to nine places */
    static Number seconds(Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return duration.getNano() == 0 ? (Number) duration.getSeconds() : seconds.stripTrailingZeros();
    }

    /** Appends {@code T[nH][nM][n[.f]S]} for a positive duration of less than a day (nothing when zero). */
    private static void appendTime(StringBuilder text, Duration time) {
        if (time.isZero()) {
            return;
        }
        text.append('T');
        long hours = time.toHours();
        if (hours != 0) {
            text.append(hours).append('H');
        }
        if (time.toMinutesPart() != 0) {
            text.append(time.toMinutesPart()).append('M');
        }
        if (time.toSecondsPart() != 0 || time.toNanosPart() != 0) {
            text.append(time.toSecondsPart());
            if (time.toNanosPart() != 0) {
                text.append('.').append(String.format(Locale.ROOT, "%09d", time.toNanosPart()).replaceAll("0+$", ""));
            }
            text.append('S');
        }
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static long longNumber(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
