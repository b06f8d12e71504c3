package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the pids the lab plugin writes, and waits for processes to be gone. */
final class LabProcesses {

    private LabProcesses() {
    }

    /** Waits for the lab plugin's pid file: [plugin pid, grandchild pid]. */
    static List<Long> awaitPids(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile)) {
                return Arrays.stream(Files.readString(pidFile).trim().split(" ")).map(Long::valueOf).toList();
            }
            Thread.sleep(50);
        }
        return fail("the plugin never wrote " + pidFile);
    }

    /** Fails unless every process is gone within 30 s. */
    static void assertGone(List<Long> pids) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (pids.stream().noneMatch(LabProcesses::alive)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("processes still alive: " + pids.stream().filter(LabProcesses::alive).toList());
    }

    /** Alive and not a zombie waiting for a parent that does not reap (as PID 1 in some containers). */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
