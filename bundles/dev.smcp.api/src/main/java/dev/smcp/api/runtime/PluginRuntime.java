package dev.smcp.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot view of the plugins found in the plugins directory, including those that failed. Provided by the
 * plugins bundle. Thread-safe.
 */
@ProviderType
public interface PluginRuntime {

    /**
     * The {@code osgi.condition.id} of the {@code org.osgi.service.condition.Condition} service the plugins bundle
     * registers once it has scanned the plugins directory completely for the first time: the plugins found then are
     * installed and the tools of the usable ones registered. Launchers wait for it before reporting readiness.
     */
    String CONDITION_PLUGINS_SCANNED = "dev.smcp.plugins.scanned";

    /**
     * @return the known plugins, sorted by name: the CLI plugin bundles (whoever installed them), and the Java plugin
     *         bundles dropped into the plugins directory, including the jars that could not be installed
     */
    PluginDTO[] getPlugins();

    /**
     * Scans the plugins directory now, probing every CLI plugin again even when its files did not change, and brings
     * the plugin bundles in line with it. Waits for a scan already running. Blocks while the plugins are probed
     * (each probe is bounded by the probe timeout).
     *
     * @return what the scan did
     * @throws IllegalStateException if the plugins bundle is stopping
     */
    ScanDTO rescan();
}
