package dev.smcp.plugin.clock.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code clock__difference}: the time between two date-times. */
@Component(service = McpTool.class)
@McpToolProperties(name = "clock__difference", plugin = "clock",
        description = "The exact time from start to end: seconds (negative when end is before start) and an ISO-8601 "
                + "duration with days of 24 hours, e.g. P1DT2H30M.",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "start": {"type": "string", "examples": ["2026-11-24T09:30:00Z", "2026-11-24T10:30:00"],
                   "description": "ISO-8601 date-time, with an offset or local (read in zone)."},
                  "end": {"type": "string", "examples": ["2026-12-25T00:00:00+01:00"],
                   "description": "ISO-8601 date-time, with an offset or local (read in zone)."},
                  "zone": {"type": "string", "default": "UTC", "examples": ["Europe/Paris"],
                   "description": "IANA time zone or UTC offset the local date-times among start and end are read in. Default: UTC."}
                 },
                 "required": ["start", "end"],
                 "additionalProperties": false}""")
public final class DifferenceTool extends ClockTool {

    /** The tool on the system clock. */
    public DifferenceTool() {
        this(Clock.systemUTC());
    }

    DifferenceTool(Clock clock) {
        super(clock);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws InvalidArgumentsException {
        Arguments args = new Arguments(arguments, "start", "end", "zone");
        DateTimeArgument start = args.dateTime("start", true);
        DateTimeArgument end = args.dateTime("end", true);
        ZoneId zone = args.zone("zone", false);
        args.done();

        Instant from = start.resolve(zone == null ? UTC : zone).toInstant();
        Instant to = end.resolve(zone == null ? UTC : zone).toInstant();
        Duration difference = Duration.between(from, to);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("start", DateTimeFormatter.ISO_INSTANT.format(from));
        result.put("end", DateTimeFormatter.ISO_INSTANT.format(to));
        result.put("seconds", IsoDuration.seconds(difference));
        result.put("duration", IsoDuration.format(difference));
        return result;
    }
}
