package dev.smcp.plugins.internal.call;

import java.time.Duration;
import java.util.Map;

import dev.smcp.api.exec.ExecRequest;

/**
 * How plugin commands are run.
 *
 * @param timeout the longest a call may run, or {@code null} for no limit; zero or negative also means no limit
 *            (as upstream's {@code MCP_PLUGIN_TIMEOUT=0})
 * @param maxStdoutBytes the most standard output a call may write (beyond it the call fails with
 *            {@code output_too_large}); zero or negative means the default of 16 MiB
 * @param maxStderrBytes the most standard error kept (its tail); zero or negative means the default of 64 KiB
 * @param environment variables added to the child's environment; {@code null} means none
 */
public record CallSettings(Duration timeout, int maxStdoutBytes, int maxStderrBytes, Map<String, String> environment) {

    /** The environment every Python plugin call gets by default. */
    public static final Map<String, String> DEFAULT_ENVIRONMENT = Map.of("PYTHONUNBUFFERED", "1",
            "PYTHONIOENCODING", "utf-8");

    public CallSettings {
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? null : timeout;
        maxStdoutBytes = maxStdoutBytes <= 0 ? ExecRequest.DEFAULT_MAX_STDOUT : maxStdoutBytes;
        maxStderrBytes = maxStderrBytes <= 0 ? ExecRequest.DEFAULT_MAX_STDERR : maxStderrBytes;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** @return no timeout, 16 MiB stdout, 64 KiB stderr, {@code PYTHONUNBUFFERED=1, PYTHONIOENCODING=utf-8} */
    public static CallSettings defaults() {
        return new CallSettings(null, ExecRequest.DEFAULT_MAX_STDOUT, ExecRequest.DEFAULT_MAX_STDERR,
                DEFAULT_ENVIRONMENT);
    }
}
