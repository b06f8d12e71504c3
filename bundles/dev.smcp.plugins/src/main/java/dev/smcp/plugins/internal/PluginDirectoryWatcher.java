package dev.smcp.plugins.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.api.runtime.PluginRuntime;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the plugins of the plugins directory as bundles: each plugin directory {@code <root>/<name>} becomes the
 * bundle at location {@code smcp-plugin:<root>/<name>} (see {@link PluginBundle}), started, so that the extender
 * registers its tools.
 * <p>
 * A scan ({@link #rescan()}; one runs in the background on activation and after a relevant configuration change)
 * probes the plugins in parallel, then, in name order, installs new plugins, updates those whose probe outcome
 * changed (a plugin revision is a bundle revision), leaves the others alone, and uninstalls the {@code smcp-plugin:}
 * bundles whose plugin is gone: those this component manages or that lie in the plugins directory, and any whose
 * directory no longer exists. Plugins that fail probing (or have an invalid name) are installed all the same, as
 * failed plugin bundles without tools, so the failure shows in the console and in the plugin DTOs.
 * <p>
 * On deactivation the plugin bundles this component manages are uninstalled, unless the framework itself is
 * stopping.
 */
@Component(service = PluginDirectoryWatcher.class, immediate = true, configurationPid = PluginsConfiguration.PID)
@Designate(ocd = PluginsConfiguration.class)
public final class PluginDirectoryWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PluginDirectoryWatcher.class);

    /** How long deactivation waits for the probe and scan threads to end. */
    private static final long SHUTDOWN_WAIT_SECONDS = 15;

    private final BundleContext context;
    private final ProcessExecutor executor;
    private final ThreadPoolExecutor probePool;
    private final ExecutorService scanThread;
    private final ReentrantLock scanLock = new ReentrantLock();
    /** Locations of the plugin bundles this component installed, updated or found unchanged. */
    private final Set<String> managed = ConcurrentHashMap.newKeySet();
    private volatile Setup setup;
    private volatile boolean closed;
    /** The {@link PluginRuntime#CONDITION_PLUGINS_SCANNED} condition, once a scan completed; guarded by scanLock. */
    private ServiceRegistration<Condition> scanned;

    /**
     * Starts the component and a first scan in the background.
     *
     * @param context the context of this bundle, used to install the plugin bundles
     * @param executor runs the probe processes
     * @param config the plugin configuration
     */
    @Activate
    public PluginDirectoryWatcher(BundleContext context, @Reference ProcessExecutor executor,
            PluginsConfiguration config) {
        this.context = context;
        this.executor = executor;
        this.setup = setup(PluginSettings.from(config));
        int parallelism = setup.settings().probeParallelism();
        this.probePool = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads("plugin-probe"));
        probePool.allowCoreThreadTimeOut(true);
        this.scanThread = Executors.newSingleThreadExecutor(new DaemonThreads("plugin-scan"));
        LOG.info("Plugin directory watcher started: {} (python {}, {} probes at once)",
                setup.settings().directory(), setup.settings().probe().python(), parallelism);
        scanLater();
    }

    /**
     * Takes a new configuration; rescans in the background when the directory or the probe settings changed.
     *
     * @param config the new plugin configuration
     */
    @Modified
    void modified(PluginsConfiguration config) {
        PluginSettings old = setup.settings();
        PluginSettings settings = PluginSettings.from(config);
        setup = setup(settings);
        resizeProbePool(settings.probeParallelism());
        if (old.directory().equals(settings.directory()) && old.probe().equals(settings.probe())) {
            LOG.debug("Plugin directory watcher reconfigured; probing unchanged, no rescan");
            return;
        }
        LOG.info("Plugin directory watcher reconfigured: {} (python {})", settings.directory(),
                settings.probe().python());
        scanLater();
    }

    /**
     * Scans the plugins directory now and brings the plugin bundles in line with it: installs new plugins,
     * updates changed ones, uninstalls those that are gone. Waits for a scan already running, then runs. Blocks
     * while plugins are probed (each probe is bounded by the probe timeout).
     *
     * @return what the scan did
     * @throws IllegalStateException if the component is deactivated
     */
    public ScanSummary rescan() {
        if (closed) {
            throw new IllegalStateException("the plugin directory watcher is stopped");
        }
        scanLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the plugin directory watcher is stopped");
            }
            ScanSummary summary = scan(setup);
            LOG.info("Plugins {}", summary);
            if (summary.complete() && scanned == null && !closed) {
                scanned = context.registerService(Condition.class, Condition.INSTANCE,
                        FrameworkUtil.asDictionary(Map.of(Condition.CONDITION_ID,
                                PluginRuntime.CONDITION_PLUGINS_SCANNED)));
            }
            return summary;
        } finally {
            scanLock.unlock();
        }
    }

    /** @return the plugins directory currently configured, absolute */
    public Path directory() {
        return setup.settings().directory();
    }

    /**
     * Stops scanning and probing; uninstalls the managed plugin bundles unless the framework is stopping (it stops
     * them itself, and a persistent framework keeps them for the next start).
     */
    @Deactivate
    void deactivate() {
        closed = true;
        scanThread.shutdownNow();
        for (Runnable queued : probePool.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false); // wakes a scan waiting for it
            }
        }
        awaitTermination(scanThread, "scan");
        awaitTermination(probePool, "probe");
        withdrawScannedCondition();
        if (frameworkStopping()) {
            LOG.info("Plugin directory watcher stopped; framework stopping, {} plugin bundles left installed",
                    managed.size());
            return;
        }
        int uninstalled = 0;
        for (String location : managed) {
            Bundle bundle = bundleAt(location);
            if (bundle != null && uninstall(bundle)) {
                uninstalled++;
            }
        }
        managed.clear();
        LOG.info("Plugin directory watcher stopped; {} plugin bundles uninstalled", uninstalled);
    }

    private void withdrawScannedCondition() {
        scanLock.lock();
        try {
            if (scanned != null) {
                scanned.unregister();
            }
        } catch (IllegalStateException e) {
            // already gone with the bundle
        } finally {
            scanned = null;
            scanLock.unlock();
        }
    }

    private Setup setup(PluginSettings settings) {
        return new Setup(settings, PluginBundleFactory.probingWith(executor, settings.probe()));
    }

    private void scanLater() {
        try {
            scanThread.execute(() -> {
                try {
                    rescan();
                } catch (IllegalStateException e) {
                    LOG.debug("Plugin scan skipped: {}", e.getMessage());
                } catch (RuntimeException e) {
                    LOG.warn("Plugin scan failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Plugin scan not started: the watcher is stopping");
        }
    }

    private ScanSummary scan(Setup current) {
        Path root = current.settings().directory();
        Results results = new Results(root);
        List<Path> directories;
        if (!Files.isDirectory(root)) {
            LOG.warn("Plugins directory {} does not exist: no CLI plugins", root);
            directories = List.of();
        } else {
            try {
                directories = PluginScanner.scan(root);
            } catch (IOException e) {
                LOG.warn("Cannot list the plugins directory {}: {}; plugin bundles left as they are", root,
                        e.toString());
                return results.summary(false);
            }
        }
        Map<Path, Future<PluginBundle>> probes = new LinkedHashMap<>();
        try {
            for (Path directory : directories) {
                probes.put(directory, probePool.submit(() -> current.factory().create(directory)));
            }
        } catch (RejectedExecutionException e) {
            cancel(probes);
            return results.summary(false);
        }
        Set<String> seen = new HashSet<>();
        for (Map.Entry<Path, Future<PluginBundle>> probe : probes.entrySet()) {
            seen.add(PluginBundle.location(probe.getKey()));
            PluginBundle plugin;
            try {
                plugin = probe.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(probes);
                return results.summary(false);
            } catch (CancellationException e) {
                cancel(probes);
                return results.summary(false);
            } catch (ExecutionException e) {
                LOG.warn("Probing {} failed", probe.getKey(), e.getCause());
                results.failed.add(String.valueOf(probe.getKey().getFileName()));
                continue;
            }
            if (closed) {
                cancel(probes);
                return results.summary(false);
            }
            apply(plugin, results);
        }
        if (closed) {
            return results.summary(false);
        }
        removeGone(root, seen, results);
        return results.summary(true);
    }

    /** Installs, updates or keeps the bundle of one probed plugin, and starts it when installed or updated. */
    private void apply(PluginBundle plugin, Results results) {
        String location = plugin.location();
        String name = plugin.name();
        try {
            Bundle bundle = bundleAt(location);
            if (bundle == null) {
                bundle = context.installBundle(location, new ByteArrayInputStream(plugin.toJar()));
                results.installed.add(name);
            } else if (isSameRevision(bundle, plugin)) {
                managed.add(location);
                results.unchanged.add(name);
                if (plugin.error() != null) {
                    results.failed.add(name);
                }
                return;
            } else {
                bundle.update(new ByteArrayInputStream(plugin.toJar()));
                results.updated.add(name);
            }
            managed.add(location);
            if (closed) {
                // deactivated meanwhile: do not leave a bundle behind that deactivation may have missed
                if (!frameworkStopping()) {
                    uninstall(bundle);
                }
                return;
            }
            if (plugin.error() != null) {
                results.failed.add(name);
            }
            bundle.start();
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.warn("Cannot install or start plugin {} from {}: {}", PluginNames.printable(name), location,
                    e.getMessage());
            results.failed.add(name);
        }
    }

    /** Uninstalls the plugin bundles whose plugin was not found by this scan. */
    private void removeGone(Path root, Set<String> seen, Results results) {
        Bundle[] bundles;
        try {
            bundles = context.getBundles();
        } catch (IllegalStateException e) {
            return;
        }
        for (Bundle bundle : bundles) {
            String location = bundle.getLocation();
            if (!PluginBundle.isPluginLocation(location) || seen.contains(location)) {
                continue;
            }
            Path directory;
            try {
                directory = PluginBundle.directoryOf(location);
            } catch (IllegalArgumentException e) {
                continue;
            }
            boolean gone = managed.contains(location) || root.equals(directory.getParent())
                    || !Files.isDirectory(directory);
            if (gone) {
                LOG.info("Plugin at {} is gone: uninstalling bundle {}", directory, bundle.getBundleId());
                if (uninstall(bundle)) {
                    results.removed.add(location);
                }
                managed.remove(location);
            }
        }
    }

    /** @return whether the installed bundle already is this probe outcome */
    static boolean isSameRevision(Bundle bundle, PluginBundle plugin) {
        return plugin.symbolicName().equals(bundle.getSymbolicName())
                && plugin.version().equals(bundle.getVersion().toString());
    }

    private Bundle bundleAt(String location) {
        try {
            return context.getBundle(location);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static boolean uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
            return true;
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.debug("Cannot uninstall plugin bundle {}: {}", bundle.getBundleId(), e.toString());
            return false;
        }
    }

    private boolean frameworkStopping() {
        try {
            Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
            return system == null || system.getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return true; // our context is gone: nothing can be uninstalled through it anyway
        }
    }

    private void resizeProbePool(int parallelism) {
        if (parallelism > probePool.getMaximumPoolSize()) {
            probePool.setMaximumPoolSize(parallelism);
            probePool.setCorePoolSize(parallelism);
        } else if (parallelism < probePool.getMaximumPoolSize()) {
            probePool.setCorePoolSize(parallelism);
            probePool.setMaximumPoolSize(parallelism);
        }
    }

    private static void cancel(Map<Path, Future<PluginBundle>> probes) {
        for (Future<PluginBundle> probe : probes.values()) {
            probe.cancel(true);
        }
    }

    private static void awaitTermination(ExecutorService pool, String what) {
        try {
            if (!pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Plugin {} threads still running {} s after stop", what, SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The settings in force and the factory that probes with them. */
    private record Setup(PluginSettings settings, PluginBundleFactory factory) {
    }

    /** What a scan did so far. */
    private static final class Results {
        final Path directory;
        final List<String> installed = new ArrayList<>();
        final List<String> updated = new ArrayList<>();
        final List<String> unchanged = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        final List<String> failed = new ArrayList<>();
        final long startNanos = System.nanoTime();

        Results(Path directory) {
            this.directory = directory;
        }

        ScanSummary summary(boolean complete) {
            return new ScanSummary(directory, installed, updated, unchanged, removed, failed, complete,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        }
    }
}
