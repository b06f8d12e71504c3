package dev.smcp.plugins.internal.call;

import java.util.Map;
import java.util.function.Consumer;

import dev.smcp.api.LogLevel;
import dev.smcp.api.ToolCallContext;
import dev.smcp.plugins.internal.model.Json;

/**
 * What a CLI plugin reports on standard error while it runs, passed on to the call's client: a line that is a JSON
 * object with a numeric {@code "progress"} (and optionally a numeric {@code "total"} and a string
 * {@code "message"}) is a progress report; any other non-blank line is a {@code debug} log message.
 */
final class StderrReports implements Consumer<String> {

    private final ToolCallContext context;

    StderrReports(ToolCallContext context) {
        this.context = context;
    }

    @Override
    public void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        Object report = line.stripLeading().startsWith("{") ? Json.parseOrNull(line) : null;
        if (report instanceof Map<?, ?> fields && fields.get("progress") instanceof Number progress) {
            context.progress(progress.doubleValue(),
                    fields.get("total") instanceof Number total ? total.doubleValue() : null,
                    fields.get("message") instanceof String message ? message : null);
            return;
        }
        context.log(LogLevel.DEBUG, line);
    }
}
