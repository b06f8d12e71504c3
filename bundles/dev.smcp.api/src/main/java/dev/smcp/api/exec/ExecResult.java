package dev.smcp.api.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to a command.
 *
 * @param outcome how the run ended
 * @param exitCode the exit code when the process exited by itself ({@link Outcome#EXITED}); by convention
 *            {@code 128 + n} when a signal {@code n} ended it; {@code -1} when not known
 * @param stdout the standard output kept (at most the request's cap), never {@code null}
 * @param stderr the standard error kept (its last bytes up to the request's cap), never {@code null}
 * @param stderrTruncated whether earlier standard error was dropped
 * @param elapsed how long the run took, queueing excluded
 * @param detail a reason for {@link Outcome#FAILED_TO_START} and {@link Outcome#REJECTED}, else {@code null}
 */
public record ExecResult(Outcome outcome, int exitCode, byte[] stdout, byte[] stderr, boolean stderrTruncated,
        Duration elapsed, String detail) {

    /** How a run ended. */
    public enum Outcome {
        /** The process exited by itself; see {@link ExecResult#exitCode()}. */
        EXITED,
        /** The timeout expired and the process tree was killed. */
        TIMED_OUT,
        /** The run was cancelled and the process tree was killed. */
        CANCELLED,
        /** Standard output exceeded its cap and the process tree was killed. */
        OUTPUT_TOO_LARGE,
        /** The process could not be started (missing program, bad working directory, ...). */
        FAILED_TO_START,
        /** Too many runs were active and queued; nothing was started. */
        REJECTED
    }

    public ExecResult {
        Objects.requireNonNull(outcome, "outcome");
        stdout = stdout == null ? new byte[0] : stdout;
        stderr = stderr == null ? new byte[0] : stderr;
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
