package dev.smcp.api.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run.
 *
 * @param command the program and its arguments; passed to the operating system as they are, never through a shell
 * @param workingDirectory the working directory of the child
 * @param environment variables added to (or replacing those of) the child's base environment
 * @param timeout the longest the child may run, or {@code null} for no limit
 * @param maxStdoutBytes the most standard output kept; a child writing more is killed and the outcome is
 *            {@link ExecResult.Outcome#OUTPUT_TOO_LARGE}
 * @param maxStderrBytes the most standard error kept; beyond it only the last {@code maxStderrBytes} are kept and
 *            the child is left running
 */
public record ExecRequest(List<String> command, Path workingDirectory, Map<String, String> environment, Duration timeout,
        int maxStdoutBytes, int maxStderrBytes) {

    /** Default cap on standard output: 16 MiB. */
    public static final int DEFAULT_MAX_STDOUT = 16 * 1024 * 1024;
    /** Default cap on standard error: 64 KiB. */
    public static final int DEFAULT_MAX_STDERR = 64 * 1024;

    public ExecRequest {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment == null ? Map.of() : environment);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxStdoutBytes <= 0 || maxStderrBytes <= 0) {
            throw new IllegalArgumentException("output caps must be positive");
        }
    }

    /**
     * @param command the program and its arguments
     * @param workingDirectory the working directory
     * @return a request with no extra environment, no timeout and the default caps
     */
    public static ExecRequest of(List<String> command, Path workingDirectory) {
        return new ExecRequest(command, workingDirectory, Map.of(), null, DEFAULT_MAX_STDOUT, DEFAULT_MAX_STDERR);
    }

    /** @return a copy with another timeout ({@code null}: none) */
    public ExecRequest withTimeout(Duration newTimeout) {
        return new ExecRequest(command, workingDirectory, environment, newTimeout, maxStdoutBytes, maxStderrBytes);
    }

    /** @return a copy with another extra environment */
    public ExecRequest withEnvironment(Map<String, String> newEnvironment) {
        return new ExecRequest(command, workingDirectory, newEnvironment, timeout, maxStdoutBytes, maxStderrBytes);
    }

    /** @return a copy with other output caps */
    public ExecRequest withOutputCaps(int newMaxStdout, int newMaxStderr) {
        return new ExecRequest(command, workingDirectory, environment, timeout, newMaxStdout, newMaxStderr);
    }
}
