package dev.smcp.plugins.internal.call;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.smcp.api.ToolErrors;
import dev.smcp.api.ToolResult;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.plugins.internal.model.Json;

/**
 * Maps what happened to a plugin process onto SMCP's result contract (upstream section 7, improved).
 * <ul>
 * <li>Exit 0: the text is standard output (UTF-8, malformed bytes replaced) stripped; when that is a JSON object
 * it is also the structured content. Standard error is ignored.</li>
 * <li>Exit N &ne; 0: {@code plugin_error} with, in this order, the string of a JSON object's {@code "error"}
 * member (when not blank); its compact JSON when it is another non-null value; the stripped standard output; the
 * tail of standard error as {@code Plugin exited with code N: <tail>}; or
 * {@code Plugin exited with code N (no output)}.</li>
 * <li>Timeout: {@code timeout}, {@code Plugin command timed out after 2.0 seconds}. Output cap hit:
 * {@code output_too_large}. Cancelled: {@code cancelled}. Executor full: {@code busy}. Not started:
 * {@code plugin_error}.</li>
 * </ul>
 */
public final class ResultMapper {

    /** The most characters of standard error quoted in a failure. */
    static final int STDERR_TAIL_CHARS = 2000;

    private ResultMapper() {
    }

    /**
     * @param result what happened
     * @param timeout the timeout the call ran with, or {@code null}
     * @param maxStdoutBytes the standard output cap the call ran with
     * @return the tool result
     */
    static ToolResult map(ExecResult result, Duration timeout, int maxStdoutBytes) {
        return switch (result.outcome()) {
            case EXITED -> result.exitCode() == 0 ? success(result) : failure(result);
            case TIMED_OUT -> ToolResult.error(ToolErrors.TIMEOUT, "Plugin command timed out after "
                    + seconds(timeout != null ? timeout : result.elapsed()) + " seconds");
            case OUTPUT_TOO_LARGE -> ToolResult.error(ToolErrors.OUTPUT_TOO_LARGE,
                    "Plugin output exceeded the limit of " + maxStdoutBytes + " bytes");
            case CANCELLED -> ToolResult.error(ToolErrors.CANCELLED, "Call cancelled");
            case REJECTED -> ToolResult.error(ToolErrors.BUSY, result.detail() != null && !result.detail().isBlank()
                    ? result.detail() : "Too many plugin calls are running; try again later");
            case FAILED_TO_START -> ToolResult.error(ToolErrors.PLUGIN_ERROR, "Plugin could not be started: "
                    + (result.detail() != null ? result.detail() : "unknown reason"));
        };
    }

    private static ToolResult success(ExecResult result) {
        String text = new String(result.stdout(), StandardCharsets.UTF_8).strip();
        if (text.startsWith("{") && Json.parseOrNull(text) instanceof Map<?, ?> object) {
            return ToolResult.structured(text, Json.asObject(object));
        }
        return ToolResult.text(text);
    }

    private static ToolResult failure(ExecResult result) {
        String stdout = new String(result.stdout(), StandardCharsets.UTF_8).strip();
        if (!stdout.isEmpty()) {
            return ToolResult.error(ToolErrors.PLUGIN_ERROR, errorMessage(stdout));
        }
        String stderr = stderrTail(result.stderr());
        return ToolResult.error(ToolErrors.PLUGIN_ERROR, stderr.isEmpty()
                ? "Plugin exited with code " + result.exitCode() + " (no output)"
                : "Plugin exited with code " + result.exitCode() + ": " + stderr);
    }

    private static String errorMessage(String stdout) {
        if (stdout.startsWith("{") && Json.parseOrNull(stdout) instanceof Map<?, ?> object) {
            Object error = object.get("error");
            if (error instanceof String s && !s.isBlank()) {
                return s;
            }
            if (error != null && !(error instanceof String)) {
                return Json.compact(error);
            }
        }
        return stdout;
    }

    /** The last {@value #STDERR_TAIL_CHARS} characters of standard error, stripped; {@code ...} marks a cut. */
    static String stderrTail(byte[] stderr) {
        String text = new String(stderr, StandardCharsets.UTF_8).strip();
        if (text.length() <= STDERR_TAIL_CHARS) {
            return text;
        }
        int from = text.length() - STDERR_TAIL_CHARS;
        if (Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        return "..." + text.substring(from).strip();
    }

    /** Seconds as upstream prints a Python float: {@code 2.0}, {@code 2.5}, {@code 0.25}. */
    public static String seconds(Duration duration) {
        String plain = BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
