package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor against a real directory; each wait has a generous deadline, nothing is timed. */
class PluginDirectoryMonitorTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path base;

    private final PluginFingerprint fingerprint = new PluginFingerprint(List.of("*.log"));
    private final Map<String, String> applied = new ConcurrentHashMap<>();
    private final AtomicInteger changes = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private PluginDirectoryMonitor monitor;
    private Path root;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    void addedChangedAndRemovedPluginsAreNoticed() throws IOException {
        start(Files.createDirectories(base.resolve("plugins")), Duration.ofSeconds(1));

        Path plugin = Files.createDirectories(root.resolve("demo"));
        Files.writeString(plugin.resolve("cli.py"), "print('v1')\n");
        awaitApplied(() -> applied.containsKey(PluginBundle.location(plugin)));
        String first = applied.get(PluginBundle.location(plugin));

        Files.writeString(plugin.resolve("cli.py"), "print('version two')\n");
        awaitApplied(() -> !first.equals(applied.get(PluginBundle.location(plugin))));

        Files.delete(plugin.resolve("cli.py"));
        awaitApplied(applied::isEmpty);
    }

    @Test
    void aDirectoryGettingItsCliLaterIsNoticed() throws IOException {
        start(Files.createDirectories(base.resolve("plugins")), Duration.ZERO); // events only
        Path plugin = Files.createDirectories(root.resolve("late"));
        Files.writeString(plugin.resolve("README"), "not yet a plugin\n");
        Path lib = Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(lib.resolve("x.py"), "X = 1\n");
        Files.writeString(plugin.resolve("cli.py"), "print('now')\n");
        awaitApplied(() -> applied.containsKey(PluginBundle.location(plugin)));

        String before = applied.get(PluginBundle.location(plugin));
        Files.writeString(lib.resolve("x.py"), "X = 2222\n"); // a change below the plugin's top directory
        awaitApplied(() -> !before.equals(applied.get(PluginBundle.location(plugin))));
    }

    @Test
    void jarsAreNoticed() throws IOException {
        start(Files.createDirectories(base.resolve("plugins")), Duration.ofSeconds(1));
        Path jar = Files.write(root.resolve("tools.jar"), new byte[] {1, 2});
        awaitApplied(() -> applied.containsKey(JarPlugins.location(jar)));
        Files.delete(jar);
        awaitApplied(applied::isEmpty);
    }

    @Test
    void changesBehindASymbolicLinkAreNoticed() throws IOException {
        Path target = Files.createDirectories(base.resolve("elsewhere/real"));
        Files.writeString(target.resolve("cli.py"), "print('v1')\n");
        start(Files.createDirectories(base.resolve("plugins")), Duration.ofSeconds(1));
        Path link = Files.createSymbolicLink(root.resolve("linked"), target);
        awaitApplied(() -> applied.containsKey(PluginBundle.location(link)));
        String first = applied.get(PluginBundle.location(link));

        Files.writeString(target.resolve("cli.py"), "print('version two')\n");
        awaitApplied(() -> !first.equals(applied.get(PluginBundle.location(link))));
    }

    @Test
    void aPluginsDirectoryCreatedLaterIsWatched() throws IOException {
        start(base.resolve("not-yet"), Duration.ofSeconds(1));
        Path plugin = Files.createDirectories(root.resolve("demo"));
        Files.writeString(plugin.resolve("cli.py"), "print('hi')\n");
        awaitApplied(() -> applied.containsKey(PluginBundle.location(plugin)));
    }

    @Test
    void ignoredFilesDoNotCauseScans() throws IOException, InterruptedException {
        Path plugin = Files.createDirectories(base.resolve("plugins/demo"));
        Files.writeString(plugin.resolve("cli.py"), "print('hi')\n");
        start(plugin.getParent(), Duration.ofSeconds(1));
        awaitApplied(() -> applied.size() == 1);
        int scans = changes.get();

        for (int i = 0; i < 5; i++) {
            Files.writeString(plugin.resolve("calls.log"), "call " + i + "\n");
            Files.createDirectories(plugin.resolve("__pycache__"));
            Files.writeString(plugin.resolve("__pycache__/cli.pyc"), "x" + i);
        }
        Thread.sleep(3_000); // three poll intervals: a scan would have been asked for by now
        assertEquals(scans, changes.get());
    }

    @Test
    void closeEndsTheThread() throws IOException {
        start(Files.createDirectories(base.resolve("plugins")), Duration.ofSeconds(1));
        monitor.close();
        for (Thread thread : threads) {
            assertFalse(thread.isAlive(), thread.getName());
        }
    }

    @Test
    void observeListsPluginEntriesOnly() throws IOException {
        root = Files.createDirectories(base.resolve("plugins"));
        Path plugin = Files.createDirectories(root.resolve("demo"));
        Files.writeString(plugin.resolve("cli.py"), "print('hi')\n");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("notes.txt"), "x");
        Path jar = Files.write(root.resolve("a.jar"), new byte[] {1});
        Files.write(root.resolve(".hidden.jar"), new byte[] {1});

        Map<String, String> observation = PluginDirectoryMonitor.observe(root, fingerprint);
        assertEquals(2, observation.size(), observation.toString());
        assertTrue(observation.containsKey(PluginBundle.location(plugin)));
        assertTrue(observation.containsKey(JarPlugins.location(jar)));
        assertTrue(PluginDirectoryMonitor.observe(base.resolve("missing"), fingerprint).isEmpty());
    }

    /** Starts a monitor whose "scan" applies what it observes, as the watcher does. */
    private void start(Path directory, Duration poll) {
        root = directory;
        WatchSettings settings = new WatchSettings(true, Duration.ofMillis(50), poll, List.of("*.log"));
        monitor = new PluginDirectoryMonitor(root, settings, fingerprint, () -> Map.copyOf(applied), () -> {
            changes.incrementAndGet();
            Map<String, String> now = PluginDirectoryMonitor.observe(root, fingerprint);
            applied.keySet().retainAll(now.keySet());
            applied.putAll(now);
        }, task -> {
            Thread thread = new Thread(task, "test-plugin-watch");
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        });
        monitor.start();
    }

    private static void awaitApplied(BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not applied within " + DEADLINE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
