package dev.smcp.api.exec;

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
}
