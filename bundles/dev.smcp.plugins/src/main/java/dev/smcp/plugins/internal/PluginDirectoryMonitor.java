package dev.smcp.plugins.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes to the plugins directory and asks for a scan once they have settled. Owns one thread and one
 * {@link WatchService}.
 * <p>
 * The plugins directory and every directory below it (links followed, ignored names skipped, bounded) are watched
 * for file-system events; the directory is also listed every poll interval, for the changes events miss. A change is
 * a difference between an observation (the {@link PluginFingerprint} of every plugin entry, by bundle location) and
 * what the watcher last applied. It is handed on when it has settled: after a burst of events, once no event came
 * for the quiet time; when found by polling, once two observations a quiet time apart agree. So a plugin copied in
 * slowly is installed once, complete.
 */
final class PluginDirectoryMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectoryMonitor.class);

    /** At most this many directories are watched for events; deeper changes are still found by polling. */
    static final int MAX_WATCHED_DIRECTORIES = 4_096;
    /** How long a burst of events may keep a change from being looked at, in quiet times. */
    static final int MAX_SETTLE_QUIETS = 20;
    /** How often the directory is listed when it cannot be watched for events and polling is off. */
    private static final long FALLBACK_POLL_MILLIS = 2_000;
    private static final long JOIN_MILLIS = 15_000;

    private final Path root;
    private final WatchSettings settings;
    private final PluginFingerprint fingerprint;
    private final Supplier<Map<String, String>> applied;
    private final Runnable onChange;
    private final Thread thread;
    private final Map<Path, WatchKey> keys = new HashMap<>(); // only used by the monitor thread
    private volatile WatchService events;
    private volatile boolean closed;

    /**
     * @param root the plugins directory
     * @param settings the quiet time and poll interval
     * @param fingerprint how plugin entries are fingerprinted
     * @param applied the fingerprints of what the watcher last applied, by bundle location
     * @param onChange asked to scan when a settled change is found; runs on the monitor's thread and may block
     * @param threads makes the monitor's thread
     */
    PluginDirectoryMonitor(Path root, WatchSettings settings, PluginFingerprint fingerprint,
            Supplier<Map<String, String>> applied, Runnable onChange, ThreadFactory threads) {
        this.root = root;
        this.settings = settings;
        this.fingerprint = fingerprint;
        this.applied = applied;
        this.onChange = onChange;
        this.thread = threads.newThread(this::run);
    }

    /** Starts watching. */
    void start() {
        try {
            events = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Cannot watch {} for file-system events ({}); polling it instead", root, e.toString());
        }
        thread.start();
    }

    /** Stops watching and waits for the monitor's thread to end (a scan it started runs to its end). */
    @Override
    public void close() {
        stop();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops watching without waiting: the monitor's thread ends once a scan it started has run. */
    void stop() {
        closed = true;
        WatchService service = events;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch service of {}: {}", root, e.toString());
            }
        }
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    /**
     * @param root the plugins directory
     * @param fingerprint how plugin entries are fingerprinted
     * @return the fingerprint of every plugin entry (CLI plugin directories and jars), by bundle location; empty
     *         when the directory cannot be listed
     */
    static Map<String, String> observe(Path root, PluginFingerprint fingerprint) {
        Map<String, String> observation = new HashMap<>();
        try {
            for (Path directory : PluginScanner.scan(root)) {
                put(observation, PluginBundle.location(directory), fingerprint.of(directory));
            }
            for (Path jar : PluginScanner.scanJars(root)) {
                put(observation, JarPlugins.location(jar), fingerprint.of(jar));
            }
        } catch (IOException e) {
            observation.clear();
        }
        return observation;
    }

    private static void put(Map<String, String> observation, String location, String print) {
        if (print != null) {
            observation.put(location, print);
        }
    }

    private void run() {
        Map<String, String> pending = null; // a change found by polling, not yet seen twice
        try {
            registerAll();
            // what changed before the directory was watched is confirmed by the next observation
            Map<String, String> first = observe(root, fingerprint);
            if (!first.equals(applied.get())) {
                pending = first;
            }
            while (!closed) {
                boolean activity = awaitEvents(pending != null ? settings.quiet().toMillis() : pollMillis());
                if (closed) {
                    return;
                }
                if (activity) {
                    boolean settled = awaitQuiet();
                    registerAll();
                    Map<String, String> observation = observe(root, fingerprint);
                    if (observation.equals(applied.get())) {
                        pending = null;
                    } else if (settled) {
                        pending = null;
                        changed("file-system events");
                    } else {
                        pending = observation; // still busy: let polling confirm it has settled
                    }
                    continue;
                }
                Map<String, String> observation = observe(root, fingerprint);
                if (observation.equals(applied.get())) {
                    pending = null;
                } else if (observation.equals(pending)) {
                    pending = null;
                    changed("polling");
                    registerAll();
                } else {
                    pending = observation;
                }
            }
        } catch (ClosedWatchServiceException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Watching the plugins directory {} failed; changes are no longer noticed (smcp:rescan still "
                    + "works)", root, e);
        } finally {
            cancelKeys();
        }
    }

    private void changed(String how) {
        LOG.debug("Change in {} noticed by {}", root, how);
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("Applying a change of {} failed", root, e);
        }
    }

    private long pollMillis() {
        long poll = settings.poll().toMillis();
        if (events == null || !keys.containsKey(root)) {
            return poll > 0 ? Math.min(poll, FALLBACK_POLL_MILLIS) : FALLBACK_POLL_MILLIS;
        }
        return poll > 0 ? poll : Long.MAX_VALUE;
    }

    /** @return whether a relevant event came within the timeout */
    private boolean awaitEvents(long timeoutMillis) throws InterruptedException {
        WatchService service = events;
        if (service == null) {
            Thread.sleep(timeoutMillis);
            return false;
        }
        WatchKey key = timeoutMillis == Long.MAX_VALUE ? service.take()
                : service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        return key != null && drain(key);
    }

    /**
     * Takes events until none came for a quiet time.
     *
     * @return whether it got quiet; false when events kept coming for {@value #MAX_SETTLE_QUIETS} quiet times
     */
    private boolean awaitQuiet() throws InterruptedException {
        long quiet = settings.quiet().toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(quiet * MAX_SETTLE_QUIETS);
        WatchService service = events;
        long lastActivity = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long wait = quiet - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
            if (wait <= 0) {
                return true;
            }
            WatchKey key = service.poll(wait, TimeUnit.MILLISECONDS);
            if (key != null && drain(key)) {
                lastActivity = System.nanoTime();
            }
        }
        return false;
    }

    /** @return whether the key had an event that may matter (not only about ignored names) */
    private boolean drain(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || !(event.context() instanceof Path name)
                    || !fingerprint.isIgnored(name)) {
                relevant = true;
            }
        }
        if (!key.reset()) {
            keys.values().remove(key); // the directory is gone
            relevant = true;
        }
        return relevant;
    }

    /** Watches the plugins directory and the directories below it that are not watched yet. */
    private void registerAll() {
        WatchService service = events;
        if (service == null) {
            return;
        }
        keys.entrySet().removeIf(entry -> !entry.getValue().isValid());
        if (!register(service, root)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!fingerprint.isIgnored(entry.getFileName()) && Files.isDirectory(entry)) {
                    registerTree(service, entry);
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot list {} to watch it: {}", root, e.toString());
        }
    }

    private void registerTree(WatchService service, Path top) {
        try {
            Files.walkFileTree(top, EnumSet.of(FileVisitOption.FOLLOW_LINKS), PluginFingerprint.MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            if (!dir.equals(top) && fingerprint.isIgnored(dir.getFileName())) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return register(service, dir) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.debug("Cannot watch {}: {}", top, e.toString());
        }
    }

    /** @return whether the directory is watched (false when it cannot be, or too many are watched already) */
    private boolean register(WatchService service, Path directory) {
        if (keys.containsKey(directory)) {
            return true;
        }
        if (keys.size() >= MAX_WATCHED_DIRECTORIES) {
            return false;
        }
        try {
            keys.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            return true;
        } catch (IOException e) {
            LOG.debug("Cannot watch {}: {}", directory, e.toString());
            return false;
        }
    }

    private void cancelKeys() {
        for (Iterator<WatchKey> it = keys.values().iterator(); it.hasNext();) {
            it.next().cancel();
            it.remove();
        }
    }
}
