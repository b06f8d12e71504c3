package dev.smcp.exec.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Polling helpers for tests on real processes: generous deadlines, never a duration assertion. */
final class Processes {

    static final long DEADLINE_MILLIS = 15_000;

    private Processes() {
    }

    static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    private static final ProcessTreeKiller PROBE = new ProcessTreeKiller(Platform.detect());

    /** Whether the process runs; a zombie does not (the init of some containers never reaps orphans). */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(PROBE::running).orElse(false);
    }

    static void awaitGone(long pid) {
        await("process " + pid + " to end", () -> !alive(pid));
    }

    /** Waits until {@code file} holds at least {@code count} lines and returns them as pids. */
    static long[] awaitPids(Path file, int count) {
        await(count + " pid(s) in " + file, () -> lines(file).size() >= count);
        return lines(file).stream().limit(count).mapToLong(Long::parseLong).toArray();
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            // a line is complete only once the next one started or the file ends with a newline
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? lines : lines.subList(0, Math.max(0, lines.size() - 1));
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean readerThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.isAlive() && thread.getName().startsWith(ProcessExecutorImpl.THREAD_PREFIX));
    }
}
