package dev.smcp.plugins.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import dev.smcp.plugins.internal.JarPlugins.JarPlugin;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
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
 * Keeps the plugin bundles in line with the plugins directory, live.
 * <p>
 * Each CLI plugin directory {@code <root>/<name>} becomes the bundle at location {@code smcp-plugin:<root>/<name>}
 * (see {@link PluginBundle}), started, so that the extender registers its tools; each {@code <root>/*.jar} is
 * installed and started as it is (see {@link JarPlugins}), its own components registering its tools.
 * <p>
 * A scan probes the CLI plugins in parallel, then, in name order, installs new plugins, updates those that changed
 * (a plugin revision is a bundle revision), leaves the others alone, and uninstalls the bundles whose plugin is
 * gone: those this component manages or that lie in the plugins directory, and CLI plugin bundles whose directory no
 * longer exists. Plugins that fail probing (or have an invalid name) are installed all the same, as failed plugin
 * bundles without tools, so the failure shows in the console and in the plugin DTOs; a jar that cannot be installed
 * or started is reported the same way.
 * <p>
 * A full scan ({@link #rescan()}; on activation and after a relevant configuration change) probes every CLI plugin.
 * A scan for a change (from the {@link PluginDirectoryMonitor}, while {@link WatchSettings#enabled()}) only touches
 * the entries whose {@link PluginFingerprint} differs from the one last applied: so a plugin bundle stopped or
 * uninstalled from the console stays so until its files change or a full scan runs.
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
    /**
     * Whether the condition package is wired. Its import is optional: Karaf 4.4 does not export it, and there the
     * scanned condition (only the standalone launcher waits for it) is not registered.
     */
    private static final boolean CONDITIONS_AVAILABLE = conditionsAvailable();

    private final BundleContext context;
    private final ProcessExecutor executor;
    private final ThreadPoolExecutor probePool;
    private final ExecutorService scanThread;
    private final ReentrantLock scanLock = new ReentrantLock();
    /** Locations of the plugin bundles this component installed, updated or found unchanged. */
    private final Set<String> managed = ConcurrentHashMap.newKeySet();
    /** The fingerprint of every plugin entry as last applied, by bundle location. */
    private final Map<String, String> applied = new ConcurrentHashMap<>();
    /** The jars seen in the plugins directory, by bundle location. */
    private final Map<String, JarPlugin> jars = new ConcurrentHashMap<>();
    private volatile Setup setup;
    private volatile boolean closed;
    /** Watches the directory once the first scan is done; written under scanLock. */
    private volatile PluginDirectoryMonitor monitor;
    /** The setup the monitor watches with; guarded by scanLock. */
    private Setup monitored;
    /** Whether the missing plugins directory was reported; guarded by scanLock. */
    private boolean missingReported;
    /** The {@link PluginRuntime#CONDITION_PLUGINS_SCANNED} condition, once a scan completed; guarded by scanLock. */
    private ServiceRegistration<?> scanned;
    /** Plugin bundles installed whose first start failed because they did not resolve. */
    private final Set<String> unresolved = ConcurrentHashMap.newKeySet();
    /** Starts plugin bundles that could not resolve during a refresh (see {@link #startUnresolvedPlugins}). */
    private final FrameworkListener refreshes = event -> {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
            startUnresolvedLater();
        }
    };

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
        this.setup = setup(PluginSettings.from(config), WatchSettings.from(config));
        int parallelism = setup.settings().probeParallelism();
        this.probePool = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreads("plugin-probe"));
        probePool.allowCoreThreadTimeOut(true);
        this.scanThread = Executors.newSingleThreadExecutor(new DaemonThreads("plugin-scan"));
        LOG.info("Plugin directory watcher started: {} (python {}, {} probes at once, {})",
                setup.settings().directory(), setup.settings().probe().python(), parallelism, describe(setup.watch()));
        context.addFrameworkListener(refreshes);
        scanLater(true);
    }

    /**
     * Takes a new configuration; rescans in the background when the directory or the probe settings changed.
     *
     * @param config the new plugin configuration
     */
    @Modified
    void modified(PluginsConfiguration config) {
        Setup old = setup;
        PluginSettings settings = PluginSettings.from(config);
        WatchSettings watch = WatchSettings.from(config);
        resizeProbePool(settings.probeParallelism());
        boolean probing = old.settings().directory().equals(settings.directory())
                && old.settings().probe().equals(settings.probe());
        if (probing && old.watch().equals(watch)) {
            LOG.debug("Plugin directory watcher reconfigured; probing and watching unchanged");
            return; // the setup is kept, so the monitor goes on watching
        }
        setup = setup(settings, watch);
        LOG.info("Plugin directory watcher reconfigured: {} (python {}, {})", settings.directory(),
                settings.probe().python(), describe(setup.watch()));
        scanLater(!probing);
    }

    /**
     * Scans the plugins directory now, probing every CLI plugin again, and brings the plugin bundles in line with it:
     * installs new plugins, updates changed ones, uninstalls those that are gone. Waits for a scan already running,
     * then runs. Blocks while plugins are probed (each probe is bounded by the probe timeout).
     *
     * @return what the scan did
     * @throws IllegalStateException if the component is deactivated
     */
    public ScanSummary rescan() {
        return scanNow(true);
    }

    /** Scans for changes: only the entries whose fingerprint differs from the one last applied. */
    ScanSummary scanChanges() {
        return scanNow(false);
    }

    private ScanSummary scanNow(boolean full) {
        if (closed) {
            throw new IllegalStateException("the plugin directory watcher is stopped");
        }
        scanLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the plugin directory watcher is stopped");
            }
            Setup current = setup;
            ScanSummary summary = scan(current, full);
            if (full || summary.changedAnything()) {
                LOG.info("Plugins {}", summary);
            }
            if (CONDITIONS_AVAILABLE && summary.complete() && scanned == null && !closed) {
                scanned = context.registerService(Condition.class, Condition.INSTANCE,
                        FrameworkUtil.asDictionary(Map.of(Condition.CONDITION_ID,
                                PluginRuntime.CONDITION_PLUGINS_SCANNED)));
            }
            watchWith(current);
            return summary;
        } finally {
            scanLock.unlock();
        }
    }

    /** @return the jars seen in the plugins directory, with their problems */
    public List<JarPlugin> jarPlugins() {
        List<JarPlugin> seen = new ArrayList<>(jars.values());
        seen.sort((a, b) -> a.jar().compareTo(b.jar()));
        return seen;
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
        try {
            context.removeFrameworkListener(refreshes);
        } catch (IllegalStateException e) {
            // this bundle's context is no longer valid: the listener is gone with it
        }
        PluginDirectoryMonitor watching = monitor; // read without the lock: a scan may hold it
        if (watching != null) {
            watching.stop();
        }
        scanThread.shutdownNow();
        for (Runnable queued : probePool.shutdownNow()) {
            if (queued instanceof Future<?> future) {
                future.cancel(false); // wakes a scan waiting for it
            }
        }
        awaitTermination(scanThread, "scan");
        awaitTermination(probePool, "probe");
        if (watching != null) {
            watching.close();
        }
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

    private static boolean conditionsAvailable() {
        try {
            Class.forName("org.osgi.service.condition.Condition", false, PluginDirectoryWatcher.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
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

    private Setup setup(PluginSettings settings, WatchSettings watch) {
        return new Setup(settings, watch, PluginBundleFactory.probingWith(executor, settings.probe()),
                new PluginFingerprint(watch.ignoredNames()));
    }

    /** Starts, restarts or stops the monitor to match the setup; called under scanLock. */
    private void watchWith(Setup current) {
        if (monitored == current) {
            return;
        }
        if (monitor != null) {
            monitor.stop(); // not joined: its thread may be waiting for this lock
            monitor = null;
        }
        monitored = current;
        if (!current.watch().enabled() || closed) {
            return;
        }
        PluginDirectoryMonitor started = new PluginDirectoryMonitor(current.settings().directory(), current.watch(),
                current.fingerprint(), () -> Map.copyOf(applied), this::scanChangesQuietly,
                new DaemonThreads("plugin-watch"));
        monitor = started;
        started.start();
        if (closed) {
            started.stop(); // deactivated meanwhile, after it looked for a monitor to stop
        }
    }

    private void scanChangesQuietly() {
        try {
            scanChanges();
        } catch (IllegalStateException e) {
            LOG.debug("Plugin scan skipped: {}", e.getMessage());
        }
    }

    private static String describe(WatchSettings watch) {
        if (!watch.enabled()) {
            return "not watching";
        }
        return "watching, quiet " + watch.quiet().toMillis() + " ms, "
                + (watch.poll().isZero() ? "no polling" : "polling every " + watch.poll().toSeconds() + " s");
    }

    private void scanLater(boolean full) {
        try {
            scanThread.execute(() -> {
                try {
                    scanNow(full);
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

    private void startUnresolvedLater() {
        try {
            scanThread.execute(this::startUnresolvedPlugins);
        } catch (RejectedExecutionException e) {
            LOG.debug("Plugin restart after a refresh skipped: the watcher is stopping");
        }
    }

    /**
     * Starts the plugin bundles whose first start failed because they did not resolve, which happens when a bundle
     * they import from (dev.smcp.api) is being refreshed while they are installed, as when a platform installs
     * features. Runs after every package refresh.
     */
    void startUnresolvedPlugins() {
        for (String location : unresolved) {
            Bundle bundle = bundleAt(location);
            if (closed) {
                return;
            }
            if (bundle == null || bundle.getState() != Bundle.INSTALLED) {
                unresolved.remove(location); // gone, or resolved and started or stopped by someone else
                continue;
            }
            try {
                bundle.start();
                unresolved.remove(location);
                LOG.info("Plugin bundle {} started after a package refresh", bundle.getSymbolicName());
            } catch (BundleException | IllegalStateException e) {
                LOG.debug("Plugin bundle {} still cannot start: {}", bundle.getSymbolicName(), e.getMessage());
            }
        }
    }

    private ScanSummary scan(Setup current, boolean full) {
        Path root = current.settings().directory();
        Results results = new Results(root);
        List<Path> directories;
        List<Path> jarFiles;
        if (!Files.isDirectory(root)) {
            if (!missingReported) {
                LOG.warn("Plugins directory {} does not exist: no plugins until it is created", root);
                missingReported = true;
            }
            directories = List.of();
            jarFiles = List.of();
        } else {
            missingReported = false;
            try {
                directories = PluginScanner.scan(root);
                jarFiles = PluginScanner.scanJars(root);
            } catch (IOException e) {
                LOG.warn("Cannot list the plugins directory {}: {}; plugin bundles left as they are", root,
                        e.toString());
                return results.summary(false);
            }
        }
        Set<String> seen = new HashSet<>();
        Map<Path, String> prints = new LinkedHashMap<>();
        Map<Path, Future<PluginBundle>> probes = new LinkedHashMap<>();
        try {
            for (Path directory : directories) {
                String location = PluginBundle.location(directory);
                seen.add(location);
                String print = current.fingerprint().of(directory);
                prints.put(directory, print);
                if (!full && print != null && print.equals(applied.get(location))) {
                    results.unchanged.add(directory.getFileName().toString());
                    continue;
                }
                probes.put(directory, probePool.submit(() -> current.factory().create(directory)));
            }
        } catch (RejectedExecutionException e) {
            cancel(probes);
            return results.summary(false);
        }
        for (Map.Entry<Path, Future<PluginBundle>> probe : probes.entrySet()) {
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
            remember(plugin.location(), prints.get(probe.getKey()));
        }
        List<Bundle> touched = new ArrayList<>();
        for (Path jar : jarFiles) {
            if (closed) {
                return results.summary(false);
            }
            String location = JarPlugins.location(jar);
            seen.add(location);
            String print = current.fingerprint().of(jar);
            if (isJarUnchanged(location, print, full)) {
                results.unchanged.add(JarPlugins.name(jar));
                continue;
            }
            applyJar(jar, location, results, touched);
            remember(location, print);
        }
        if (closed) {
            return results.summary(false);
        }
        removeGone(root, seen, results, touched);
        applied.keySet().retainAll(seen);
        jars.keySet().retainAll(seen);
        refreshRemovalPending(touched);
        return results.summary(true);
    }

    /**
     * @return whether the jar is as last applied; a full scan also installs again a bundle uninstalled meanwhile,
     *         unless the jar could not be installed at all
     */
    private boolean isJarUnchanged(String location, String print, boolean full) {
        if (print == null || !print.equals(applied.get(location))) {
            return false;
        }
        JarPlugin known = jars.get(location);
        return !full || bundleAt(location) != null || known != null && known.problem() != null;
    }

    private void remember(String location, String print) {
        if (print == null) {
            applied.remove(location); // vanished while probed: the next observation sees it gone
        } else {
            applied.put(location, print);
        }
    }

    /** Installs, updates or keeps the bundle of one probed plugin, and starts it when newly installed. */
    private void apply(PluginBundle plugin, Results results) {
        String location = plugin.location();
        String name = plugin.name();
        try {
            Bundle bundle = bundleAt(location);
            boolean installed = bundle == null;
            if (installed) {
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
                bundle.update(new ByteArrayInputStream(plugin.toJar())); // an active bundle is restarted
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
            if (installed) {
                bundle.start();
            }
        } catch (BundleException | IllegalStateException | SecurityException e) {
            LOG.warn("Cannot install or start plugin {} from {}: {}", PluginNames.printable(name), location,
                    e.getMessage());
            results.failed.add(name);
            if (e instanceof BundleException failure && failure.getType() == BundleException.RESOLVE_ERROR) {
                unresolved.add(location); // retried after the next package refresh
            }
        }
    }

    /**
     * Installs or updates the bundle of a Java plugin jar, and starts it when newly installed or when it could not be
     * started before. A jar that is not a valid bundle, or does not resolve, is reported and kept as failed until
     * it changes.
     */
    private void applyJar(Path jar, String location, Results results, List<Bundle> touched) {
        String name = JarPlugins.name(jar);
        JarPlugin before = jars.get(location);
        Bundle bundle = bundleAt(location);
        try {
            boolean installed = bundle == null;
            try (InputStream in = Files.newInputStream(jar)) {
                if (installed) {
                    bundle = context.installBundle(location, in);
                    results.installed.add(name);
                } else {
                    bundle.update(in);
                    touched.add(bundle);
                    results.updated.add(name);
                }
            }
            managed.add(location);
            jars.put(location, new JarPlugin(jar, location, null));
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            if (!fragment && (installed || before == null || before.problem() != null)) {
                bundle.start();
            }
            LOG.info("Java plugin {} {}: bundle {} {} {}", name, installed ? "installed" : "updated",
                    bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion());
        } catch (BundleException | IOException | IllegalStateException | SecurityException e) {
            String problem = (bundle == null ? "cannot install " : "cannot start ") + jar.getFileName() + ": "
                    + Objects.requireNonNullElse(e.getMessage(), e.toString());
            LOG.warn("Java plugin {}: {}", name, problem);
            jars.put(location, new JarPlugin(jar, location, PluginNames.printable(problem)));
            results.failed.add(name);
        }
    }

    /** Uninstalls the plugin bundles whose plugin was not found by this scan. */
    private void removeGone(Path root, Set<String> seen, Results results, List<Bundle> touched) {
        Bundle[] bundles;
        try {
            bundles = context.getBundles();
        } catch (IllegalStateException e) {
            return;
        }
        for (Bundle bundle : bundles) {
            String location = bundle.getLocation();
            if (seen.contains(location)) {
                continue;
            }
            if (jars.containsKey(location) && managed.contains(location)) {
                LOG.info("Java plugin {} is gone: uninstalling bundle {}", location, bundle.getBundleId());
                if (uninstall(bundle)) {
                    results.removed.add(location);
                    touched.add(bundle);
                }
                managed.remove(location);
                continue;
            }
            if (!PluginBundle.isPluginLocation(location)) {
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

    /** Refreshes the Java plugin bundles updated or uninstalled whose old revision is still in use. */
    private void refreshRemovalPending(List<Bundle> touched) {
        if (touched.isEmpty()) {
            return;
        }
        try {
            FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
            Collection<Bundle> pending = new ArrayList<>(wiring.getRemovalPendingBundles());
            pending.retainAll(touched);
            if (!pending.isEmpty()) {
                wiring.refreshBundles(pending);
            }
        } catch (IllegalStateException | SecurityException e) {
            LOG.debug("Cannot refresh updated plugin bundles: {}", e.toString());
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

    /** The settings in force, and the factory and fingerprints that go with them. */
    private record Setup(PluginSettings settings, WatchSettings watch, PluginBundleFactory factory,
            PluginFingerprint fingerprint) {
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
