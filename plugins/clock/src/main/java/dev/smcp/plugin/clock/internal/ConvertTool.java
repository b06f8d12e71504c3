package dev.smcp.plugin.clock.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code clock__convert}: a date-time seen from one zone, seen from another. */
@Component(service = McpTool.class)
@McpToolProperties(name = "clock__convert", plugin = "clock",
        description = "Convert a date-time from one time zone to another: the same instant as local date-time, UTC "
                + "offset and weekday in from_zone and in to_zone. Daylight saving time is taken into account.",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "date_time": {"type": "string", "examples": ["2026-11-24T09:30:00Z", "2026-11-24T10:30:00+01:00", "2026-11-24T10:30:00"],
                   "description": "ISO-8601 date-time, with an offset (2026-11-24T09:30:00Z, 2026-11-24T10:30:00+01:00) or local (2026-11-24T10:30:00, read in from_zone)."},
                  "from_zone": {"type": "string", "examples": ["Europe/Paris"],
                   "description": "IANA time zone or UTC offset a local date_time is read in. Default: the offset of date_time, else UTC."},
                  "to_zone": {"type": "string", "examples": ["Asia/Tokyo", "America/Los_Angeles"],
                   "description": "IANA time zone or UTC offset to convert to."}
                 },
                 "required": ["date_time", "to_zone"],
                 "additionalProperties": false}""")
public final class ConvertTool extends ClockTool {

    /** The tool on the system clock. */
    public ConvertTool() {
        this(Clock.systemUTC());
    }

    ConvertTool(Clock clock) {
        super(clock);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws InvalidArgumentsException {
        Arguments args = new Arguments(arguments, "date_time", "from_zone", "to_zone");
        DateTimeArgument dateTime = args.dateTime("date_time", true);
        ZoneId fromZone = args.zone("from_zone", false);
        ZoneId toZone = args.zone("to_zone", true);
        args.done();

        ZonedDateTime from = dateTime.resolve(fromZone == null ? UTC : fromZone);
        try {
            if (fromZone != null) {
                from = from.withZoneSameInstant(fromZone);
            }
            ZonedDateTime to = from.withZoneSameInstant(toZone);
            Map<String, Object> result = Moments.instant(from.toInstant());
            result.put("from", Moments.local(from));
            result.put("to", Moments.local(to));
            return result;
        } catch (DateTimeException e) {
            throw new InvalidArgumentsException("date_time: " + Arguments.quote(String.valueOf(arguments
                    .get("date_time"))) + " cannot be shown in both zones (the date is out of range)");
        }
    }
}
