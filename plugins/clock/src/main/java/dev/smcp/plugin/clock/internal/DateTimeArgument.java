package dev.smcp.plugin.clock.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * A date-time argument: either with its own offset (or zone), or local, to be read in a zone the call names.
 *
 * @param name the parameter, for messages
 * @param local the local date-time, or {@code null} when {@code zoned} is set
 * @param zoned the date-time with its offset, or {@code null} when {@code local} is set
 */
record DateTimeArgument(String name, LocalDateTime local, ZonedDateTime zoned) {

    /** @return whether the argument carries its own offset */
    boolean hasOffset() {
        return zoned != null;
    }

    /**
     * @param zone the zone a local date-time is read in
     * @return the date-time as given when it has an offset, else the local date-time in {@code zone}
     * @throws InvalidArgumentsException when the local date-time does not exist in the zone (skipped by a daylight
     *             saving change) or exists twice (repeated by one), since guessing would be silently wrong
     */
    ZonedDateTime resolve(ZoneId zone) throws InvalidArgumentsException {
        if (zoned != null) {
            return zoned;
        }
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        String text = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            throw new InvalidArgumentsException(name + ": " + text + " does not exist in " + zone.getId()
                    + " (the clocks go from " + gap.getOffsetBefore().getId() + " to " + gap.getOffsetAfter().getId()
                    + " at " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(gap.getDateTimeBefore()) + ")");
        }
        if (offsets.size() > 1) {
            throw new InvalidArgumentsException(name + ": " + text + " occurs twice in " + zone.getId() + " (at "
                    + offsets.get(0).getId() + " and at " + offsets.get(1).getId() + "); add the offset, e.g. " + text
                    + offsets.get(0).getId());
        }
        return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
    }
}
