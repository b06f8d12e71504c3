package dev.smcp.api.exec;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import dev.smcp.api.Cancellation;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs child processes on behalf of tools.
 * <p>
 * The executor bounds how many processes run at once and how many wait; a request beyond both is answered at once
 * with {@link ExecResult.Outcome#REJECTED}. The child gets the server's environment without the server's own
 * secrets, plus {@link ExecRequest#environment()}; its standard input is closed. On timeout, cancellation,
 * an output cap being hit, or the executor shutting down, the child and every process it started are
 * terminated (SIGTERM, then SIGKILL after a grace period). Thread-safe.
 */
@ProviderType
public interface ProcessExecutor {

    /**
     * Runs a command to completion and returns what happened. Blocks the calling thread.
     *
     * @param request what to run
     * @param cancellation cancels the run: the process tree is killed and the outcome is
     *            {@link ExecResult.Outcome#CANCELLED}
     * @return the result; never {@code null}, failures are outcomes rather than exceptions
     * @throws InterruptedException if the calling thread is interrupted; the process tree is killed first
     */
    ExecResult execute(ExecRequest request, Cancellation cancellation) throws InterruptedException;

    /**
     * Runs a command as {@link #execute(ExecRequest, Cancellation)} does, and also hands each line the child writes to
     * standard error to {@code stderrLines} as it is written (decoded as UTF-8, without its line break; very long
     * lines cut), on a reader thread, one line at a time. The lines are kept in {@link ExecResult#stderr()} as well.
     * The listener must be quick and must not block.
     * <p>
     * This default runs the command and then hands on the lines of the standard error it kept; the SMCP executor
     * hands them on while the child runs.
     *
     * @param request the command
     * @param cancellation cancels the run
     * @param stderrLines told of each standard error line, or {@code null}
     * @return what happened
     * @throws InterruptedException if the calling thread is interrupted while waiting; the child is killed
     */
    default ExecResult execute(ExecRequest request, Cancellation cancellation, Consumer<String> stderrLines)
            throws InterruptedException {
        ExecResult result = execute(request, cancellation);
        if (stderrLines != null && result.stderr() != null) {
            String text = new String(result.stderr(), StandardCharsets.UTF_8);
            text.lines().forEach(stderrLines);
        }
        return result;
    }
}
