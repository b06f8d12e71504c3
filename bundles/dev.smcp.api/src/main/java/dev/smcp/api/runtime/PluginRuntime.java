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

    /** @return the known plugins, sorted by name */
    PluginDTO[] getPlugins();
}
