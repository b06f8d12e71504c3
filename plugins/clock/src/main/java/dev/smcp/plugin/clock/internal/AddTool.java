package dev.smcp.plugin.clock.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code clock__add}: a date-time plus an ISO-8601 duration. */
@Component(service = McpTool.class)
@McpToolProperties(name = "clock__add", plugin = "clock",
        description = "Add an ISO-8601 duration (PT30M, P1D, -P1W, ...) to a date-time (default: now). Years, months, "
                + "weeks and days follow the calendar in the zone (P1D keeps the local time across a daylight saving "
                + "change); hours, minutes and seconds are exact.",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "duration": {"type": "string", "examples": ["PT30M", "PT1H30M", "P1D", "P1Y2M", "-P2W", "PT0.5S"],
                   "description": "ISO-8601 duration: [-]P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]. A leading - subtracts."},
                  "date_time": {"type": "string", "examples": ["2026-11-24T09:30:00Z", "2026-11-24T10:30:00"],
                   "description": "ISO-8601 date-time to start from, with an offset or local (read in zone). Default: now, to the second."},
                  "zone": {"type": "string", "examples": ["Europe/Paris"],
                   "description": "IANA time zone or UTC offset to count calendar units in and show the result in; a local date_time is read in it. Default: the offset of date_time, else UTC."}
                 },
                 "required": ["duration"],
                 "additionalProperties": false}""")
public final class AddTool extends ClockTool {

    /** The tool on the system clock. */
    public AddTool() {
        this(Clock.systemUTC());
    }

    AddTool(Clock clock) {
        super(clock);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws InvalidArgumentsException {
        Arguments args = new Arguments(arguments, "duration", "date_time", "zone");
        IsoDuration duration = args.duration("duration", true);
        DateTimeArgument dateTime = args.dateTime("date_time", false);
        ZoneId zone = args.zone("zone", false);
        args.done();

        ZoneId readIn = zone == null ? UTC : zone;
        ZonedDateTime start = dateTime == null ? clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(readIn)
                : dateTime.resolve(readIn);
        ZonedDateTime end;
        try {
            if (zone != null) {
                start = start.withZoneSameInstant(zone);
            }
            end = duration.addTo(start);
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidArgumentsException("duration: " + duration + " takes the date-time out of the supported "
                    + "range (years -999999999 to 999999999)");
        }
        Map<String, Object> result = Moments.moment(end);
        result.put("start", Moments.instant(start.toInstant()).get("instant"));
        result.put("duration", duration.toString());
        return result;
    }
}
