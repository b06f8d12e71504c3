package dev.smcp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Applies edits of the {@code conf/} directory while the server runs: every second it compares the files' times and
 * sizes with the last look, re-reads a changed file and hands the PID's new properties on (an empty map for a
 * removed file). A file that cannot be used is reported at ERROR with its file and setting, and the configuration
 * in effect stays as it is. Owns one daemon thread, ended by {@link #close()}.
 */
final class ConfWatcher implements AutoCloseable {

    private static final long PERIOD_MILLIS = 1000;

    private final ConfDirectory conf;
    private final PrintStream log;
    private final BiConsumer<String, Map<String, Object>> apply;
    private final Map<Path, String> seen = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param conf the directory
     * @param log where the log lines go
     * @param apply receives a PID and its file's properties after a change
     */
    ConfWatcher(ConfDirectory conf, PrintStream log, BiConsumer<String, Map<String, Object>> apply) {
        this.conf = conf;
        this.log = log;
        this.apply = apply;
        look(false);
        this.thread = new Thread(this::run, "smcp-conf-watcher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            look(true);
        }
    }

    /** Compares the directory with the last look; with {@code report}, applies what changed. */
    void look(boolean report) {
        Map<Path, String> now = new HashMap<>();
        Map<String, Path> files;
        try {
            files = conf.files();
        } catch (IOException e) {
            return; // the directory is being replaced; the next look sees the result
        }
        files.values().forEach(file -> now.put(file, stamp(file)));
        for (Map.Entry<Path, String> entry : now.entrySet()) {
            if (report && !Objects.equals(seen.get(entry.getKey()), entry.getValue())) {
                Path file = entry.getKey();
                String pid = ConfDirectory.pidOf(file.getFileName().toString());
                try {
                    apply.accept(pid, ConfDirectory.read(pid, file));
                    log.println("smcp: configuration " + pid + " updated from " + file);
                } catch (ConfDirectory.ConfException e) {
                    log.println("smcp: ERROR: " + Redaction.redact(e.getMessage())
                            + "; the previous configuration of " + pid + " stays in effect");
                } catch (RuntimeException e) {
                    log.println("smcp: ERROR: " + file + ": cannot apply: " + e.getMessage());
                }
            }
        }
        if (report) {
            for (Path gone : seen.keySet()) {
                if (!now.containsKey(gone)) {
                    String pid = ConfDirectory.pidOf(gone.getFileName().toString());
                    apply.accept(pid, Map.of());
                    log.println("smcp: configuration " + pid + " reset: " + gone + " was removed");
                }
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    private static String stamp(Path file) {
        try {
            FileTime time = Files.getLastModifiedTime(file);
            return time.toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
