package dev.smcp.plugins.internal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.ProbeResult;
import dev.smcp.plugins.internal.probe.PluginProbe;
import dev.smcp.plugins.internal.probe.ProbeSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a plugin directory and packs the outcome as a {@link PluginBundle}. Never fails for a faulty plugin: the
 * fault becomes the bundle's error. Thread-safe when the probe function is.
 */
final class PluginBundleFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PluginBundleFactory.class);

    private final Function<Path, ProbeResult> probe;
    private final LongSupplier clock;

    /**
     * @param probe probes a plugin directory (the plugin name is the directory name)
     * @param clock the current time in milliseconds since the epoch
     */
    PluginBundleFactory(Function<Path, ProbeResult> probe, LongSupplier clock) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param executor runs the probe processes
     * @param settings how to probe
     * @return a factory probing with {@link PluginProbe}
     */
    static PluginBundleFactory probingWith(ProcessExecutor executor, ProbeSettings settings) {
        PluginProbe pluginProbe = new PluginProbe(executor, settings);
        return new PluginBundleFactory(pluginProbe::probe, System::currentTimeMillis);
    }

    /**
     * Probes a plugin directory (the probe rejects invalid plugin names without running anything).
     *
     * @param directory the plugin directory, absolute
     * @return the plugin bundle, failed or not
     */
    PluginBundle create(Path directory) {
        Path fileName = directory.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        long probedAt = clock.getAsLong();
        PluginBundle bundle = PluginBundle.of(name, directory, probe(directory), probedAt);
        PluginDescriptor descriptor = bundle.descriptor();
        if (descriptor != null) {
            LOG.info("Plugin {} probed: source={}, {} tools, {} warnings ({})", name, descriptor.source(),
                    descriptor.commands().size(), descriptor.warnings().size(), directory);
            for (String warning : descriptor.warnings()) {
                LOG.info("Plugin {}: {}", name, warning);
            }
        } else {
            // PluginProbe has already logged the reason at warn
            LOG.debug("Plugin {} failed: {} ({})", PluginNames.printable(name), bundle.error(), directory);
        }
        return bundle;
    }

    private ProbeResult probe(Path directory) {
        try {
            ProbeResult result = probe.apply(directory);
            return result != null ? result : ProbeResult.failed("probe returned no result");
        } catch (RuntimeException e) {
            LOG.warn("Probing {} failed unexpectedly", directory, e);
            return ProbeResult.failed("probe failed: " + e);
        }
    }
}
