package dev.smcp.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot view of the plugins found in the plugins directory, including those that failed. Provided by the
 * plugins bundle. Thread-safe.
 */
@ProviderType
public interface PluginRuntime {

    /** @return the known plugins, sorted by name */
    PluginDTO[] getPlugins();
}
