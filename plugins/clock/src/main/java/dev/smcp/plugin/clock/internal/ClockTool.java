package dev.smcp.plugin.clock.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.McpTool;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolErrors;
import dev.smcp.api.ToolResult;

/**
 * What the clock tools share: the clock they read, and the result contract. A tool computes a JSON object; the
 * result carries it as structured content and as its JSON text. Arguments it cannot use become an
 * {@link ToolErrors#INVALID_ARGUMENTS} result (the server does not validate the arguments of Java tools).
 * <p>
 * The tools hold no state besides the immutable clock, so concurrent calls need no coordination. Each call is a
 * few microseconds of computation, so they do not watch {@link ToolCallContext#cancellation()}.
 */
abstract class ClockTool implements McpTool {

    /** The zone used when a call names none. */
    static final ZoneId UTC = ZoneId.of("UTC");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The clock "now" is read from. */
    final Clock clock;

    ClockTool(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public final ToolResult call(Map<String, Object> arguments, ToolCallContext context)
            throws JsonProcessingException {
        Map<String, Object> result;
        try {
            result = compute(arguments);
        } catch (InvalidArgumentsException e) {
            return ToolResult.error(ToolErrors.INVALID_ARGUMENTS, e.getMessage());
        }
        return ToolResult.structured(JSON.writeValueAsString(result), result);
    }

    /**
     * @param arguments the call arguments, as decoded JSON
     * @return the result object: maps, lists, strings, numbers and booleans
     * @throws InvalidArgumentsException when an argument is missing, unknown or unusable
     */
    abstract Map<String, Object> compute(Map<String, Object> arguments) throws InvalidArgumentsException;
}
