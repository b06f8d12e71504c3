package dev.smcp.exec.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.Cancellation;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ExecResult.Outcome;
import dev.smcp.api.exec.ProcessExecutor;

/**
 * The process executor. Each run takes a slot of a {@link ConcurrencyGate}, starts the argv as it is (behind
 * {@code setsid} where available, so the child leads its own process group), reads stdout and stderr on pooled
 * {@code smcp-exec-N} threads, and ends with the child's exit, the timeout, a cancellation, stdout going over its
 * cap or the component stopping; every ending but a normal exit kills the whole tree ({@link ProcessTreeKiller}).
 */
@Component(service = ProcessExecutor.class, configurationPid = ProcessExecutorConfig.PID)
@Designate(ocd = ProcessExecutorConfig.class)
public final class ProcessExecutorImpl implements ProcessExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutorImpl.class);

    /** Name prefix of the reader threads. */
    static final String THREAD_PREFIX = "smcp-exec-";
    /** Detail of {@link Outcome#REJECTED} once the component is stopping. */
    static final String STOPPING_DETAIL = "executor stopping";
    /** After a normal exit, how long the readers get to reach end of file before leftovers of the group are killed. */
    static final long ORPHAN_PIPE_WAIT_MILLIS = 200;
    /** After a kill, how long the readers get to reach end of file before their output is abandoned. */
    static final long DRAIN_AFTER_KILL_MILLIS = 2000;
    private static final long EXIT_CODE_WAIT_MILLIS = 2000;
    private static final long SHUTDOWN_WAIT_MILLIS = 2000;
    private static final long READER_KEEP_ALIVE_SECONDS = 60;
    private static final int READ_CHUNK = 8192;

    /** Why a run ended; the first to happen wins. */
    private enum Ending {
        EXITED, TIMED_OUT, CANCELLED, OUTPUT_TOO_LARGE, STOPPING
    }

    /** A started child, tracked so that deactivation can kill it. */
    private record Run(Process process, CompletableFuture<Ending> ending) {
    }

    /** Why a child could not be started; the message is the detail reported. */
    private static final class StartFailure extends Exception {
        private static final long serialVersionUID = 1L;

        StartFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> serverEnvironment;
    private final Platform platform;
    private final ProcessTreeKiller killer;
    private final ConcurrencyGate gate;
    private final ThreadPoolExecutor readers;
    private final Set<Run> live = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock startLock = new ReentrantReadWriteLock();
    private volatile ExecutorSettings settings;
    private volatile boolean stopping;

    /** Activates with the server's own environment and the detected platform. */
    @Activate
    public ProcessExecutorImpl(ProcessExecutorConfig config) {
        this(config, System.getenv(), Platform.detect());
    }

    /**
     * @param config the configuration
     * @param serverEnvironment the environment children inherit (minus secrets)
     * @param platform how process trees are made and found
     */
    ProcessExecutorImpl(ProcessExecutorConfig config, Map<String, String> serverEnvironment, Platform platform) {
        this.serverEnvironment = Map.copyOf(serverEnvironment);
        this.platform = platform;
        this.settings = ExecutorSettings.of(config, this.serverEnvironment);
        this.killer = new ProcessTreeKiller(platform);
        this.gate = new ConcurrencyGate(settings.maxConcurrent(), settings.maxQueued());
        this.readers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, READER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), readerThreads());
        LOG.info("Process executor active: {}; process groups: {}", settings,
                platform.ownGroups() ? "via " + platform.setsid() + (platform.procfs() ? " and /proc" : "")
                        : "no (descendants only)");
    }

    @Modified
    void modified(ProcessExecutorConfig config) {
        ExecutorSettings updated = ExecutorSettings.of(config, serverEnvironment);
        settings = updated;
        gate.resize(updated.maxConcurrent(), updated.maxQueued());
        LOG.info("Process executor reconfigured: {}", updated);
    }

    @Deactivate
    void deactivate() {
        List<Run> running;
        startLock.writeLock().lock();
        try {
            stopping = true;
            running = new ArrayList<>(live);
        } finally {
            startLock.writeLock().unlock();
        }
        gate.close();
        if (!running.isEmpty()) {
            LOG.info("Process executor stopping: killing {} running process tree(s)", running.size());
            running.forEach(run -> run.ending().complete(Ending.STOPPING));
            List<ProcessHandle> roots = new ArrayList<>();
            running.forEach(run -> roots.add(run.process().toHandle()));
            killer.kill(roots, settings.killGraceMillis());
        }
        readers.shutdown();
        try {
            if (!readers.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("Process executor: reader threads still busy after {} ms; interrupting them",
                        SHUTDOWN_WAIT_MILLIS);
                readers.shutdownNow();
            }
        } catch (InterruptedException e) {
            readers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("Process executor stopped");
    }

    @Override
    public ExecResult execute(ExecRequest request, Cancellation cancellation) throws InterruptedException {
        return execute(request, cancellation, null);
    }

    @Override
    public ExecResult execute(ExecRequest request, Cancellation cancellation, Consumer<String> stderrLines)
            throws InterruptedException {
        Objects.requireNonNull(request, "request");
        Cancellation cancel = cancellation == null ? Cancellation.NEVER : cancellation;
        if (stopping) {
            return notStarted(Outcome.REJECTED, STOPPING_DETAIL);
        }
        if (cancel.isCancelled()) {
            return notStarted(Outcome.CANCELLED, null);
        }
        ExecutorSettings current = settings;
        switch (gate.enter(cancel)) {
            case ADMITTED:
                break;
            case FULL:
                LOG.debug("Rejected {}: all {} slots busy and {} callers queued", request.command().get(0),
                        current.maxConcurrent(), current.maxQueued());
                return notStarted(Outcome.REJECTED, "too many plugin processes: " + current.maxConcurrent()
                        + " running and " + current.maxQueued() + " waiting; try again later");
            case CANCELLED:
                return notStarted(Outcome.CANCELLED, null);
            default:
                return notStarted(Outcome.REJECTED, STOPPING_DETAIL);
        }
        try {
            return run(request, cancel, settings, stderrLines);
        } finally {
            gate.leave();
        }
    }

    /** @return how many runs hold a slot (for tests and diagnostics) */
    int running() {
        return gate.running();
    }

    /** @return how many callers wait for a slot (for tests and diagnostics) */
    int queued() {
        return gate.queued();
    }

    private ExecResult run(ExecRequest request, Cancellation cancel, ExecutorSettings current,
            Consumer<String> stderrLines)
            throws InterruptedException {
        CompletableFuture<Ending> ending = new CompletableFuture<>();
        try (Cancellation.Registration registration = cancel.onCancel(() -> ending.complete(Ending.CANCELLED))) {
            if (ending.isDone()) {
                return notStarted(Outcome.CANCELLED, null);
            }
            long started = System.nanoTime();
            Run run;
            // starts share the read lock; deactivation takes the write lock, so it sees every started child
            startLock.readLock().lock();
            try {
                if (stopping) {
                    return notStarted(Outcome.REJECTED, STOPPING_DETAIL);
                }
                run = new Run(start(request, current), ending);
                live.add(run);
            } catch (StartFailure e) {
                LOG.debug("Could not start {}: {}", request.command().get(0), e.getMessage());
                return new ExecResult(Outcome.FAILED_TO_START, -1, null, null, false, since(started),
                        e.getMessage());
            } finally {
                startLock.readLock().unlock();
            }
            try {
                return supervise(request, current, run, started, stderrLines);
            } finally {
                live.remove(run);
            }
        }
    }

    private Process start(ExecRequest request, ExecutorSettings current) throws StartFailure {
        Path workingDirectory = request.workingDirectory();
        if (!Files.isDirectory(workingDirectory)) {
            throw new StartFailure("working directory does not exist or is not a directory: " + workingDirectory);
        }
        checkEnvironment(request.environment());
        ProcessBuilder builder = new ProcessBuilder(platform.launchCommand(request.command()))
                .directory(workingDirectory.toFile());
        try {
            current.environment().applyTo(builder.environment(), request.environment());
        } catch (IllegalArgumentException e) {
            throw new StartFailure("invalid environment variable");
        }
        if (platform.ownGroups()) {
            String problem = ProgramLocator.problem(request.command().get(0), workingDirectory,
                    builder.environment().get("PATH"));
            if (problem != null) {
                throw new StartFailure(problem);
            }
        }
        builder.redirectInput(platform.nullDevice() == null ? Redirect.PIPE : Redirect.from(platform.nullDevice()));
        try {
            Process process = builder.start();
            if (platform.nullDevice() == null) {
                process.getOutputStream().close();
            }
            return process;
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Rejects what the operating system cannot take, naming the variable but never its value. */
    private static void checkEnvironment(Map<String, String> environment) throws StartFailure {
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            String name = entry.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new StartFailure("invalid environment variable name: \"" + name.replace('\0', '?') + "\"");
            }
            if (entry.getValue().indexOf('\0') >= 0) {
                throw new StartFailure("invalid value (NUL character) for environment variable " + name);
            }
        }
    }

    private ExecResult supervise(ExecRequest request, ExecutorSettings current, Run run, long started,
            Consumer<String> stderrLines) throws InterruptedException {
        Process process = run.process();
        CompletableFuture<Ending> ending = run.ending();
        CappedBuffer stdout = new CappedBuffer(request.maxStdoutBytes());
        TailBuffer stderr = new TailBuffer(request.maxStderrBytes());
        CountDownLatch drained = new CountDownLatch(2);
        try {
            readers.execute(pump(process.getInputStream(), drained, (bytes, length) -> {
                if (stdout.append(bytes, 0, length)) {
                    ending.complete(Ending.OUTPUT_TOO_LARGE);
                }
            }));
            LineSplitter lines = stderrLines == null ? null : new LineSplitter(stderrLines);
            readers.execute(pump(process.getErrorStream(), drained, (bytes, length) -> {
                stderr.append(bytes, 0, length);
                if (lines != null) {
                    lines.accept(bytes, length);
                }
            }, lines));
            readers.execute(() -> awaitExit(process, ending));
        } catch (RejectedExecutionException e) {
            ending.complete(Ending.STOPPING); // deactivated meanwhile
        }

        String program = request.command().get(0);
        Ending end;
        int exitCode;
        try {
            end = awaitEnding(ending, request.timeout(), started);
            boolean killed = end != Ending.EXITED;
            if (killed) {
                kill(process, current);
            }
            boolean allRead = drained.await(killed ? DRAIN_AFTER_KILL_MILLIS : ORPHAN_PIPE_WAIT_MILLIS,
                    TimeUnit.MILLISECONDS);
            if (!killed) {
                // background jobs left by a child that exited normally go too; the JDK closes the pipes of an
                // exited child itself, so an open pipe is not a reliable sign of them
                int leftovers = killer.killLeftovers(process.toHandle(), System.nanoTime() - started,
                        current.killGraceMillis());
                if (leftovers > 0) {
                    LOG.debug("{} exited leaving {} process(es) of its group running; they were terminated",
                            program, leftovers);
                }
                if (!allRead) {
                    allRead = drained.await(DRAIN_AFTER_KILL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            if (!allRead) {
                LOG.warn("A process started by {} escaped the kill and keeps its output open; output abandoned",
                        program);
            }
            exitCode = process.waitFor(EXIT_CODE_WAIT_MILLIS, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            kill(process, current);
            LOG.debug("Interrupted while running {}; process tree killed", program);
            throw e;
        }

        byte[] out = stdout.seal();
        byte[] err = stderr.seal();
        Outcome outcome = outcome(end, stdout.overflowed());
        String detail = null;
        if (outcome == Outcome.EXITED && launcherFailed(exitCode, out, err)) {
            outcome = Outcome.FAILED_TO_START;
            detail = firstLine(err);
        }
        ExecResult result = new ExecResult(outcome, exitCode, out, err, stderr.truncated(), since(started), detail);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Ran {} ({} argument(s)): {} exit {} in {} ms, stdout {} bytes, stderr {} bytes{}", program,
                    request.command().size() - 1, outcome, exitCode, result.elapsed().toMillis(), out.length,
                    err.length, stderr.truncated() ? " (tail)" : "");
            if (err.length > 0) {
                LOG.debug("stderr of {}: {}", program, new String(err, StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static Outcome outcome(Ending end, boolean stdoutOverflowed) {
        switch (end) {
            case EXITED:
                return stdoutOverflowed ? Outcome.OUTPUT_TOO_LARGE : Outcome.EXITED;
            case TIMED_OUT:
                return Outcome.TIMED_OUT;
            case OUTPUT_TOO_LARGE:
                return Outcome.OUTPUT_TOO_LARGE;
            default:
                return Outcome.CANCELLED;
        }
    }

    /** Whether setsid itself reported that it could not execute the program (a race with the pre-check). */
    private boolean launcherFailed(int exitCode, byte[] out, byte[] err) {
        return platform.ownGroups() && (exitCode == 126 || exitCode == 127) && out.length == 0
                && new String(err, 0, Math.min(err.length, 8), StandardCharsets.ISO_8859_1).startsWith("setsid: ");
    }

    private int kill(Process process, ExecutorSettings current) {
        return killer.kill(List.of(process.toHandle()), current.killGraceMillis());
    }

    private static Ending awaitEnding(CompletableFuture<Ending> ending, Duration timeout, long started)
            throws InterruptedException {
        try {
            if (timeout == null) {
                return ending.get();
            }
            long left = saturatedNanos(timeout) - (System.nanoTime() - started);
            return ending.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ending.complete(Ending.TIMED_OUT);
            return ending.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("ending is never completed exceptionally", e);
        }
    }

    private static void awaitExit(Process process, CompletableFuture<Ending> ending) {
        try {
            process.waitFor();
            ending.complete(Ending.EXITED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // pool shutting down; deactivation has ended the run already
        }
    }

    /** Receives what a reader read; the array is reused after the call. */
    @FunctionalInterface
    private interface Chunks {
        void accept(byte[] bytes, int length);
    }

    private static Runnable pump(InputStream in, CountDownLatch drained, Chunks sink) {
        return pump(in, drained, sink, null);
    }

    /** @param lines told of the end of the stream, or {@code null} */
    private static Runnable pump(InputStream in, CountDownLatch drained, Chunks sink, LineSplitter lines) {
        return () -> {
            byte[] buffer = new byte[READ_CHUNK];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n > 0) {
                        sink.accept(buffer, n);
                    }
                }
            } catch (IOException e) {
                // the stream was closed under us: nothing more to read
            } finally {
                if (lines != null) {
                    lines.finish();
                }
                drained.countDown();
            }
        };
    }

    private static ExecResult notStarted(Outcome outcome, String detail) {
        return new ExecResult(outcome, -1, null, null, false, Duration.ZERO, detail);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static String firstLine(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static ThreadFactory readerThreads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
