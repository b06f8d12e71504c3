package dev.smcp.plugins.internal.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.smcp.api.Cancellation;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ProcessExecutor;

/**
 * A small real-process {@link ProcessExecutor} for tests: argv, working directory, extra environment, timeout,
 * stdout cap (kills), stderr tail, cancellation. No concurrency bound.
 */
public final class RealProcessExecutor implements ProcessExecutor {

    @Override
    public ExecResult execute(ExecRequest request, Cancellation cancellation) throws InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(request.command()).directory(request.workingDirectory().toFile());
        builder.environment().putAll(request.environment());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new ExecResult(ExecResult.Outcome.FAILED_TO_START, -1, null, null, false, elapsed(start),
                    e.getMessage());
        }
        AtomicBoolean tooLarge = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Tail stderr = new Tail(request.maxStderrBytes());
        Thread out = reader(process.getInputStream(), (buffer, n) -> {
            synchronized (stdout) {
                if (stdout.size() + n > request.maxStdoutBytes()) {
                    tooLarge.set(true);
                    kill(process);
                    return;
                }
                stdout.write(buffer, 0, n);
            }
        });
        Thread err = reader(process.getErrorStream(), stderr::write);
        try (Cancellation.Registration registration = cancellation.onCancel(() -> {
            cancelled.set(true);
            kill(process);
        })) {
            boolean exited = request.timeout() == null ? waitFor(process)
                    : process.waitFor(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (!exited) {
                kill(process);
                process.waitFor();
            }
            out.join(10_000);
            err.join(10_000);
            ExecResult.Outcome outcome = !exited ? ExecResult.Outcome.TIMED_OUT
                    : cancelled.get() ? ExecResult.Outcome.CANCELLED
                    : tooLarge.get() ? ExecResult.Outcome.OUTPUT_TOO_LARGE : ExecResult.Outcome.EXITED;
            int code = process.exitValue();
            synchronized (stdout) {
                return new ExecResult(outcome, code, stdout.toByteArray(), stderr.bytes(), stderr.truncated,
                        elapsed(start), null);
            }
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private interface Sink {
        void write(byte[] buffer, int n);
    }

    private static Thread reader(InputStream in, Sink sink) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    sink.write(buffer, n);
                }
            } catch (IOException e) {
                // the process is gone
            }
        }, "test-exec-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Keeps the last bytes written. */
    private static final class Tail {
        private final int cap;
        private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
        private boolean truncated;

        Tail(int cap) {
            this.cap = cap;
        }

        synchronized void write(byte[] buffer, int n) {
            for (int i = 0; i < n; i++) {
                bytes.addLast(buffer[i]);
                if (bytes.size() > cap) {
                    bytes.removeFirst();
                    truncated = true;
                }
            }
        }

        synchronized byte[] bytes() {
            byte[] out = new byte[bytes.size()];
            int i = 0;
            for (Byte b : bytes) {
                out[i++] = b;
            }
            return out;
        }
    }
}
