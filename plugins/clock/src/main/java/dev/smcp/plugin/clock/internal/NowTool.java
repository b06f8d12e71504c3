package dev.smcp.plugin.clock.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.smcp.api.McpTool;
import dev.smcp.api.McpToolProperties;

/** {@code clock__now}: the current time in a zone. */
@Component(service = McpTool.class)
@McpToolProperties(name = "clock__now", plugin = "clock",
        description = "The current date and time, to the second, in a time zone (default UTC): the ISO-8601 instant "
                + "in UTC, the local date-time, zone, UTC offset and weekday there, and the Unix time in seconds.",
        inputSchema = """
                {"type": "object",
                 "properties": {
                  "zone": {"type": "string", "default": "UTC", "examples": ["UTC", "Europe/Paris", "America/New_York", "+05:30"],
                   "description": "IANA time zone (e.g. Europe/Paris; any letter case) or UTC offset (e.g. +05:30). Default: UTC."}
                 },
                 "additionalProperties": false}""")
public final class NowTool extends ClockTool {

    /** The tool on the system clock. */
    public NowTool() {
        this(Clock.systemUTC());
    }

    NowTool(Clock clock) {
        super(clock);
    }

    @Override
    Map<String, Object> compute(Map<String, Object> arguments) throws InvalidArgumentsException {
        Arguments args = new Arguments(arguments, "zone");
        ZoneId zone = args.zone("zone", false);
        args.done();
        return Moments.moment(clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(zone == null ? UTC : zone));
    }
}
