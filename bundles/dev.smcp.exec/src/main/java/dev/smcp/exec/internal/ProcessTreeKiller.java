package dev.smcp.exec.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates process trees: a started child, every descendant of it, and, when children lead their own process
 * group ({@link Platform#ownGroups()}), every process still in that group, which also finds grandchildren whose
 * parent already exited. SIGTERM first, SIGKILL after a grace period. Thread-safe; blocks the calling thread for
 * at most the grace period plus a short confirmation.
 */
final class ProcessTreeKiller {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTreeKiller.class);
    private static final Path PROC = Path.of("/proc");
    private static final Path LAST_PID = PROC.resolve("sys/kernel/ns_last_pid");
    /**
     * A run shorter than this cannot have seen the pid counter wrap all the way round (that takes pid_max forks,
     * 32768 at the least, in this time).
     */
    private static final long NO_WRAP_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long to wait for SIGKILLed processes to disappear before giving up on them. */
    private static final long KILL_CONFIRM_MILLIS = 1000;
    private static final long MAX_POLL_MILLIS = 50;

    private final boolean scanGroups;
    private final boolean procfs;

    ProcessTreeKiller(Platform platform) {
        this.scanGroups = platform.ownGroups() && platform.procfs();
        this.procfs = platform.procfs();
    }

    /**
     * Terminates every process of the trees rooted at {@code roots}. If the calling thread is interrupted while
     * waiting, the rest are SIGKILLed at once and the interrupt status is restored.
     *
     * @param roots the started children (alive or not)
     * @param graceMillis how long processes get between SIGTERM and SIGKILL
     * @return how many processes were signalled
     */
    int kill(Collection<ProcessHandle> roots, long graceMillis) {
        return kill(roots, graceMillis, null);
    }

    /**
     * Terminates what a child that exited by itself left running in its process group (background jobs, daemons
     * that did not start a session of their own). Cheaper than {@link #kill}: members of the child's group were all
     * created after it, so when no pid wrap-around can have happened since (the last pid handed out is still above
     * the child's, and the child ran briefly) only the pids handed out since are looked at.
     *
     * @param exited the child, already exited
     * @param ranForNanos how long it ran
     * @param graceMillis how long processes get between SIGTERM and SIGKILL
     * @return how many processes were signalled
     */
    int killLeftovers(ProcessHandle exited, long ranForNanos, long graceMillis) {
        return kill(List.of(exited), graceMillis, ranForNanos < NO_WRAP_NANOS ? PidRange.since(exited.pid()) : null);
    }

    private int kill(Collection<ProcessHandle> roots, long graceMillis, PidRange range) {
        Set<ProcessHandle> targets = members(roots, range);
        if (targets.isEmpty()) {
            return 0;
        }
        LOG.debug("Sending SIGTERM to {} process(es): {}", targets.size(), pids(targets));
        targets.forEach(ProcessHandle::destroy);
        boolean interrupted = !awaitGone(targets, graceMillis);
        if (interrupted) {
            Thread.interrupted();
        }
        // a second look also catches processes started during the grace period
        Set<ProcessHandle> stubborn = members(roots, range == null ? null : PidRange.since(range.after()));
        stubborn.addAll(targets);
        stubborn.removeIf(handle -> !running(handle));
        if (!stubborn.isEmpty()) {
            LOG.debug("{} process(es) outlived SIGTERM; sending SIGKILL: {}", stubborn.size(), pids(stubborn));
            stubborn.forEach(ProcessHandle::destroyForcibly);
            if (!awaitGone(stubborn, KILL_CONFIRM_MILLIS)) {
                interrupted = true;
                Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return targets.size();
    }

    /** @return the live processes of the trees: roots, their descendants and the members of their groups */
    Set<ProcessHandle> members(Collection<ProcessHandle> roots) {
        return members(roots, null);
    }

    /** @param range where group members can be, or {@code null} to look at every process */
    private Set<ProcessHandle> members(Collection<ProcessHandle> roots, PidRange range) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        Set<Long> groups = new HashSet<>();
        for (ProcessHandle root : roots) {
            found.add(root);
            if (root.isAlive()) { // the children of an exited root are someone else's now: only its group tells
                root.descendants().forEach(found::add);
            }
            groups.add(root.pid());
        }
        if (scanGroups) {
            addGroupMembers(groups, range, found);
        }
        long self = ProcessHandle.current().pid();
        found.removeIf(handle -> handle.pid() == self || !running(handle));
        return found;
    }

    /**
     * Whether a process still runs. {@link ProcessHandle#isAlive()} also answers {@code true} for a zombie (dead,
     * waiting for its parent to reap it); orphans are reaped by init, which some containers never do, so zombies are
     * told apart through {@code /proc} where available.
     */
    boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        if (!procfs) {
            return true;
        }
        ProcStat stat = readStat(PROC.resolve(Long.toString(process.pid())).resolve("stat"));
        return stat != null && !stat.dead();
    }

    private static void addGroupMembers(Set<Long> groups, PidRange range, Set<ProcessHandle> found) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isDigits(name) || name.length() > 18 || range != null && !range.contains(Long.parseLong(name))) {
                    continue;
                }
                ProcStat stat = readStat(entry.resolve("stat"));
                if (stat != null && !stat.dead() && groups.contains(stat.processGroup())) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            LOG.debug("Could not scan {} for process group members: {}", PROC, e.toString());
        }
    }

    /** The pids handed out after {@code after}, up to {@code last}. */
    private record PidRange(long after, long last) {

        /**
         * @return the pids handed out since {@code pid}, or {@code null} (look at every process) when the last pid
         *         is unknown or below {@code pid}, i.e. the counter wrapped
         */
        static PidRange since(long pid) {
            long last = lastPid();
            return last >= pid ? new PidRange(pid, last) : null;
        }

        boolean contains(long pid) {
            return pid > after && pid <= last;
        }
    }

    /** @return the last pid the kernel handed out, or {@code -1} when unknown */
    private static long lastPid() {
        try (FileInputStream in = new FileInputStream(LAST_PID.toFile())) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static ProcStat readStat(Path file) {
        // a FileInputStream, unlike a channel, still reads when the thread is interrupted; the command name is not
        // necessarily UTF-8, and ISO-8859-1 never fails
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return ProcStat.parse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException | UncheckedIOException e) {
            return null; // the process ended meanwhile
        }
    }

    private static String pids(Collection<ProcessHandle> processes) {
        StringBuilder text = new StringBuilder();
        for (ProcessHandle process : processes) {
            text.append(text.length() == 0 ? "" : " ").append(process.pid());
        }
        return text.toString();
    }

    private static boolean isDigits(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** @return {@code false} if interrupted while waiting, else {@code true} (gone or out of time) */
    private boolean awaitGone(Collection<ProcessHandle> processes, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long pause = 1;
        while (processes.stream().anyMatch(this::running)) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMillis <= 0) {
                return true;
            }
            try {
                Thread.sleep(Math.min(pause, leftMillis));
            } catch (InterruptedException e) {
                return false;
            }
            pause = Math.min(pause * 2, MAX_POLL_MILLIS);
        }
        return true;
    }
}
