package dev.smcp.exec.internal;

import static dev.smcp.exec.internal.Processes.alive;
import static dev.smcp.exec.internal.Processes.await;
import static dev.smcp.exec.internal.Processes.awaitGone;
import static dev.smcp.exec.internal.Processes.awaitPids;
import static dev.smcp.exec.internal.Processes.sh;
import static dev.smcp.exec.internal.TestConfig.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smcp.api.Cancellation;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ExecResult.Outcome;

class ProcessExecutorImplTest {

    /** Guards calls expected to end by themselves, so a regression fails instead of hanging the build. */
    private static final Duration GUARD = Duration.ofSeconds(20);
    private static final long GRACE_MILLIS = 300;

    @TempDir
    Path dir;

    private ProcessExecutorImpl executor;
    private ExecutorService callers;

    @BeforeEach
    void setUp() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        executor = newExecutor(4, 8, Platform.detect());
        callers = Executors.newCachedThreadPool(task -> new Thread(task, "test-caller"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (executor != null) {
            executor.deactivate();
        }
        if (callers != null) {
            callers.shutdownNow();
            callers.awaitTermination(10, TimeUnit.SECONDS);
        }
        await("no smcp-exec thread left", () -> !Processes.readerThreadsAlive());
    }

    private ProcessExecutorImpl newExecutor(int maxConcurrent, int maxQueued, Platform platform) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("FAKE_SECRET", "s3cr3t");
        env.put("MCP_API_KEY_EXTRA", "k3y");
        env.put("VISIBLE", "seen");
        env.put("OVERRIDDEN", "server");
        return new ProcessExecutorImpl(config(maxConcurrent, maxQueued, GRACE_MILLIS, "FAKE_SECRET"), env, platform);
    }

    private ExecRequest request(List<String> command) {
        return ExecRequest.of(command, dir).withTimeout(GUARD);
    }

    private ExecResult run(String script) throws InterruptedException {
        return executor.execute(request(sh(script)), Cancellation.NEVER);
    }

    private Future<ExecResult> submit(ExecRequest request, Cancellation cancellation) {
        return callers.submit(() -> executor.execute(request, cancellation));
    }

    private static String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (java.io.IOException e) {
            return pid + " gone";
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long firstPid(ExecResult result) {
        return Long.parseLong(text(result.stdout()).lines().findFirst().orElseThrow().trim());
    }

    @Test
    void capturesStdoutAndStderr() throws Exception {
        ExecResult result = run("echo out; echo err >&2");

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals(0, result.exitCode());
        assertEquals("out\n", text(result.stdout()));
        assertEquals("err\n", text(result.stderr()));
        assertFalse(result.stderrTruncated());
        assertNull(result.detail());
        assertFalse(result.elapsed().isNegative());
    }

    @Test
    void handsStderrLinesOnWhileTheChildRuns() throws Exception {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        Path release = Files.createTempFile("smcp-release", ".flag");
        Files.delete(release);
        // the child waits for the file the test writes only after it got the first line
        Future<ExecResult> running = callers.submit(() -> executor.execute(request(sh("echo first >&2; "
                + "while [ ! -e '" + release + "' ]; do sleep 0.05; done; printf 'second' >&2")), Cancellation.NEVER,
                lines::add));
        assertEquals("first", lines.poll(60, TimeUnit.SECONDS));
        Files.createFile(release);
        ExecResult result = running.get(60, TimeUnit.SECONDS);
        assertEquals("second", lines.poll(60, TimeUnit.SECONDS), "a last line without a line break");
        assertEquals("first\nsecond", text(result.stderr()), "the lines are kept as well");
        Files.delete(release);
    }

    @Test
    void propagatesExitCode() throws Exception {
        assertEquals(7, run("exit 7").exitCode());
    }

    @Test
    void signalDeathIs128PlusSignal() throws Exception {
        ExecResult result = run("kill -KILL $$");

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals(128 + 9, result.exitCode());
    }

    @Test
    void passesArgumentsVerbatimWithoutShell() throws Exception {
        String tricky = "$HOME; echo injected `id` \"quoted\" *";
        ExecResult result = executor.execute(request(List.of("/usr/bin/printf", "%s|", tricky, "")),
                Cancellation.NEVER);

        assertEquals(tricky + "||", text(result.stdout()));
    }

    @Test
    void stdinIsClosed() throws Exception {
        ExecResult result = executor.execute(request(List.of("cat")), Cancellation.NEVER);

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals(0, result.exitCode());
        assertEquals(0, result.stdout().length);
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        ExecResult result = run("pwd -P");

        assertEquals(dir.toRealPath().toString(), text(result.stdout()).strip());
    }

    @Test
    void childGetsServerEnvironmentWithoutSecretsPlusRequestEntries() throws Exception {
        ExecRequest request = request(sh("echo \"$ADDED|${FAKE_SECRET-unset}|${MCP_API_KEY_EXTRA-unset}|$VISIBLE|"
                + "$OVERRIDDEN\"")).withEnvironment(Map.of("ADDED", "yes", "OVERRIDDEN", "request"));

        ExecResult result = executor.execute(request, Cancellation.NEVER);

        assertEquals("yes|unset|unset|seen|request\n", text(result.stdout()));
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        ExecResult result = executor.execute(request(sh("sleep 300 & echo $!; sleep 300"))
                .withTimeout(Duration.ofMillis(500)), Cancellation.NEVER);

        assertEquals(Outcome.TIMED_OUT, result.outcome());
        long grandchild = firstPid(result);
        awaitGone(grandchild);
    }

    @Test
    void cancellationKillsTheWholeTreeAndClosesTheRegistration() throws Exception {
        Path pids = dir.resolve("pids");
        TestCancellation cancellation = new TestCancellation();
        Future<ExecResult> call = submit(request(sh("echo $$ > pids; sleep 300 & echo $! >> pids; sleep 300")),
                cancellation);
        long[] tree = awaitPids(pids, 2);

        cancellation.cancel();
        ExecResult result = call.get(20, TimeUnit.SECONDS);

        assertEquals(Outcome.CANCELLED, result.outcome());
        awaitGone(tree[0]);
        awaitGone(tree[1]);
        assertEquals(0, cancellation.openRegistrations());
    }

    @Test
    void registrationClosedAfterNormalRun() throws Exception {
        TestCancellation cancellation = new TestCancellation();

        executor.execute(request(sh("true")), cancellation);

        assertEquals(0, cancellation.openRegistrations());
    }

    @Test
    void alreadyCancelledStartsNothing() throws Exception {
        TestCancellation cancellation = new TestCancellation();
        cancellation.cancel();

        ExecResult result = executor.execute(request(sh("touch started")), cancellation);

        assertEquals(Outcome.CANCELLED, result.outcome());
        assertFalse(Files.exists(dir.resolve("started")));
    }

    @Test
    void grandchildIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        Path pids = dir.resolve("pids");
        TestCancellation cancellation = new TestCancellation();
        Future<ExecResult> call = submit(request(sh(
                "sh -c 'trap \"\" TERM; echo $$ > pids; exec sleep 300' & sleep 300")), cancellation);
        long stubborn = awaitPids(pids, 1)[0];

        cancellation.cancel();
        ExecResult result = call.get(20, TimeUnit.SECONDS);

        assertEquals(Outcome.CANCELLED, result.outcome());
        awaitGone(stubborn);
    }

    @Test
    void exitedChildWithGrandchildHoldingStdoutReturnsAndGrandchildIsKilled() throws Exception {
        ExecResult result = run("sleep 300 & echo $!");

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals(0, result.exitCode());
        awaitGone(firstPid(result));
    }

    @Test
    void stdoutOverTheCapKillsTheProcess() throws Exception {
        Path pids = dir.resolve("pids");
        ExecRequest request = request(sh("echo $$ > pids; exec yes")).withOutputCaps(10_000, 1000);

        ExecResult result = executor.execute(request, Cancellation.NEVER);

        assertEquals(Outcome.OUTPUT_TOO_LARGE, result.outcome());
        assertEquals(10_000, result.stdout().length);
        assertTrue(text(result.stdout()).startsWith("y\ny\n"));
        awaitGone(awaitPids(pids, 1)[0]);
    }

    @Test
    void stdoutExactlyAtTheCapIsFine() throws Exception {
        ExecRequest request = request(sh("printf 12345")).withOutputCaps(5, 1000);

        ExecResult result = executor.execute(request, Cancellation.NEVER);

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals("12345", text(result.stdout()));
    }

    @Test
    void hugeStderrKeepsOnlyTheTail() throws Exception {
        ExecRequest request = request(List.of("python3", "-c",
                "import sys; sys.stderr.write('x' * 1000000 + 'END'); print('ok')")).withOutputCaps(1000, 1000);

        ExecResult result = executor.execute(request, Cancellation.NEVER);

        assertEquals(Outcome.EXITED, result.outcome());
        assertEquals("ok\n", text(result.stdout()));
        assertEquals(1000, result.stderr().length);
        assertTrue(text(result.stderr()).endsWith("xxxEND"));
        assertTrue(result.stderrTruncated());
    }

    @Test
    void nonUtf8BytesComeBackUnchanged() throws Exception {
        ExecResult result = executor.execute(request(List.of("python3", "-c",
                "import sys; sys.stdout.buffer.write(bytes(range(256))); sys.stderr.buffer.write(b'\\xff\\xfe\\x00')")),
                Cancellation.NEVER);

        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, result.stdout());
        assertArrayEquals(new byte[] { (byte) 0xff, (byte) 0xfe, 0 }, result.stderr());
    }

    @Test
    void rejectsWhenAllSlotsAndQueuePlacesAreTaken() throws Exception {
        executor.deactivate();
        executor = newExecutor(1, 0, Platform.detect());
        TestCancellation first = new TestCancellation();
        Future<ExecResult> running = submit(request(sh("sleep 300")), first);
        await("first run to hold the slot", () -> executor.running() == 1);

        ExecResult rejected = executor.execute(request(sh("touch started")), Cancellation.NEVER);

        assertEquals(Outcome.REJECTED, rejected.outcome());
        assertNotNull(rejected.detail());
        assertTrue(rejected.detail().contains("too many"), rejected.detail());
        assertEquals(Duration.ZERO, rejected.elapsed());
        assertFalse(Files.exists(dir.resolve("started")));
        first.cancel();
        assertEquals(Outcome.CANCELLED, running.get(20, TimeUnit.SECONDS).outcome());
    }

    @Test
    void cancellationWhileQueuedStartsNothingAndTheQueueMovesOn() throws Exception {
        executor.deactivate();
        executor = newExecutor(1, 4, Platform.detect());
        TestCancellation first = new TestCancellation();
        Future<ExecResult> running = submit(request(sh("sleep 300")), first);
        await("first run to hold the slot", () -> executor.running() == 1);
        TestCancellation second = new TestCancellation();
        Future<ExecResult> queued = submit(request(sh("touch second")), second);
        await("second call to queue", () -> executor.queued() == 1);
        Future<ExecResult> third = submit(request(sh("echo third")), Cancellation.NEVER);
        await("third call to queue", () -> executor.queued() == 2);

        second.cancel();
        ExecResult cancelled = queued.get(20, TimeUnit.SECONDS);
        assertEquals(Outcome.CANCELLED, cancelled.outcome());
        assertEquals(Duration.ZERO, cancelled.elapsed());
        assertEquals(0, second.openRegistrations());

        first.cancel();
        assertEquals(Outcome.CANCELLED, running.get(20, TimeUnit.SECONDS).outcome());
        assertEquals("third\n", text(third.get(20, TimeUnit.SECONDS).stdout()));
        assertFalse(Files.exists(dir.resolve("second")));
    }

    @Test
    void deactivateKillsRunningTreesAndTurnsAwayWaitingCallers() throws Exception {
        executor.deactivate();
        executor = newExecutor(1, 4, Platform.detect());
        Path pids = dir.resolve("pids");
        Future<ExecResult> running = submit(
                request(sh("echo $$ > pids; sleep 300 & echo $! >> pids; sleep 300")).withTimeout(null),
                Cancellation.NEVER);
        long[] tree = awaitPids(pids, 2);
        Future<ExecResult> waiting = submit(request(sh("touch waited")), Cancellation.NEVER);
        await("second call to queue", () -> executor.queued() == 1);

        executor.deactivate();

        assertFalse(alive(tree[0]) || alive(tree[1]), () -> "deactivate returned before killing " + stat(tree[0]) + " / " + stat(tree[1]));
        ExecResult stopped = running.get(20, TimeUnit.SECONDS);
        assertEquals(Outcome.CANCELLED, stopped.outcome());
        ExecResult turnedAway = waiting.get(20, TimeUnit.SECONDS);
        assertEquals(Outcome.REJECTED, turnedAway.outcome());
        assertEquals(ProcessExecutorImpl.STOPPING_DETAIL, turnedAway.detail());
        awaitGone(tree[0]);
        awaitGone(tree[1]);
        assertFalse(Files.exists(dir.resolve("waited")));

        ExecResult late = executor.execute(request(sh("touch late")), Cancellation.NEVER);
        assertEquals(Outcome.REJECTED, late.outcome());
        assertEquals(ProcessExecutorImpl.STOPPING_DETAIL, late.detail());
        assertFalse(Files.exists(dir.resolve("late")));
        await("no smcp-exec thread left after deactivate", () -> !Processes.readerThreadsAlive());
    }

    @Test
    void interruptKillsTheTreeAndRethrows() throws Exception {
        Path pids = dir.resolve("pids");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                executor.execute(request(sh("echo $$ > pids; sleep 300 & echo $! >> pids; sleep 300")),
                        Cancellation.NEVER);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "test-interrupted-caller");
        caller.start();
        long[] tree = awaitPids(pids, 2);

        caller.interrupt();
        caller.join(20_000);

        assertFalse(caller.isAlive());
        assertTrue(thrown.get() instanceof InterruptedException, String.valueOf(thrown.get()));
        awaitGone(tree[0]);
        awaitGone(tree[1]);
        assertEquals(0, executor.running());
    }

    @Test
    void missingProgramFailsToStart() throws Exception {
        ExecResult result = executor.execute(request(List.of("no-such-program-smcp-test", "--x")),
                Cancellation.NEVER);

        assertEquals(Outcome.FAILED_TO_START, result.outcome());
        assertTrue(result.detail().contains("no-such-program-smcp-test"), result.detail());
        assertEquals(-1, result.exitCode());
    }

    @Test
    void missingProgramPathFailsToStart() throws Exception {
        ExecResult result = executor.execute(request(List.of("./missing/cli")), Cancellation.NEVER);

        assertEquals(Outcome.FAILED_TO_START, result.outcome());
        assertTrue(result.detail().contains("./missing/cli"), result.detail());
    }

    @Test
    void missingWorkingDirectoryFailsToStart() throws Exception {
        ExecResult result = executor.execute(ExecRequest.of(sh("true"), dir.resolve("absent")), Cancellation.NEVER);

        assertEquals(Outcome.FAILED_TO_START, result.outcome());
        assertTrue(result.detail().contains("working directory"), result.detail());
    }

    @Test
    void invalidEnvironmentNameFailsToStartWithoutEchoingValues() throws Exception {
        ExecResult result = executor.execute(request(sh("true")).withEnvironment(Map.of("A=B", "value-xyz")),
                Cancellation.NEVER);

        assertEquals(Outcome.FAILED_TO_START, result.outcome());
        assertFalse(result.detail().contains("value-xyz"), result.detail());
    }

    @Test
    void withoutProcessGroupsDescendantsAreStillKilled() throws Exception {
        executor.deactivate();
        executor = newExecutor(2, 2, Platform.PORTABLE);

        ExecResult timedOut = executor.execute(request(sh("sleep 300 & echo $!; sleep 300"))
                .withTimeout(Duration.ofMillis(500)), Cancellation.NEVER);
        ExecResult stdin = executor.execute(request(List.of("cat")), Cancellation.NEVER);
        ExecResult missing = executor.execute(request(List.of("no-such-program-smcp-test")), Cancellation.NEVER);

        assertEquals(Outcome.TIMED_OUT, timedOut.outcome());
        awaitGone(firstPid(timedOut));
        assertEquals(Outcome.EXITED, stdin.outcome());
        assertEquals(Outcome.FAILED_TO_START, missing.outcome());
        assertTrue(missing.detail().contains("no-such-program-smcp-test"), missing.detail());
    }

    @Test
    void childLeadsItsOwnProcessGroupWhenSetsidIsAvailable() throws Exception {
        assumeTrue(Platform.detect().ownGroups() && Platform.detect().procfs());

        ExecResult result = run("echo $$; cat /proc/$$/stat");

        String[] lines = text(result.stdout()).split("\n");
        ProcStat stat = ProcStat.parse(lines[1]);
        assertEquals(Long.parseLong(lines[0]), stat.processGroup());
    }

    @Test
    void manyConcurrentCallsAllCompleteThroughTheQueue() throws Exception {
        executor.deactivate();
        executor = newExecutor(3, 32, Platform.detect());
        List<Future<ExecResult>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(submit(request(sh("echo " + i)), Cancellation.NEVER));
        }
        for (int i = 0; i < calls.size(); i++) {
            ExecResult result;
            try {
                result = calls.get(i).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
            assertEquals(Outcome.EXITED, result.outcome());
            assertEquals(i + "\n", text(result.stdout()));
        }
        assertEquals(0, executor.running());
    }

    @Test
    void nullRequestIsRefused() {
        assertThrows(NullPointerException.class, () -> executor.execute(null, Cancellation.NEVER));
    }
}
