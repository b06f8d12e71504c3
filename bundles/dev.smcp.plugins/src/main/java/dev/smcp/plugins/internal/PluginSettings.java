package dev.smcp.plugins.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import dev.smcp.plugins.internal.call.CallSettings;
import dev.smcp.plugins.internal.probe.ProbeSettings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin configuration, checked and resolved: what the components of this bundle actually use.
 *
 * @param directory the plugins directory, absolute and normalised
 * @param probe how plugins are probed
 * @param call how plugin commands run
 * @param probeParallelism how many plugins are probed at once, at least 1
 */
public record PluginSettings(Path directory, ProbeSettings probe, CallSettings call, int probeParallelism) {

    private static final Logger LOG = LoggerFactory.getLogger(PluginSettings.class);

    /** Upper bound of {@link #probeParallelism()}: more threads would only queue on the process executor. */
    static final int MAX_PROBE_PARALLELISM = 64;

    /** Call timeouts beyond this many seconds (about 30 years) are treated as no timeout. */
    private static final double MAX_TIMEOUT_SECONDS = 1e9;

    public PluginSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(call, "call");
        if (probeParallelism < 1) {
            throw new IllegalArgumentException("probeParallelism must be at least 1");
        }
    }

    /**
     * @param config the configuration as given; out-of-range values fall back to their defaults
     * @return the settings
     */
    static PluginSettings from(PluginsConfiguration config) {
        return of(config.directory(), config.python(), config.probeTimeoutSeconds(), config.callTimeoutSeconds(),
                config.maxOutputBytes(), config.maxStderrBytes(), config.probeParallelism());
    }

    /** {@link #from(PluginsConfiguration)} with the attributes as plain values. */
    static PluginSettings of(String directory, String python, int probeTimeoutSeconds, double callTimeoutSeconds,
            int maxOutputBytes, int maxStderrBytes, int probeParallelism) {
        Duration probeTimeout = Duration.ofSeconds(probeTimeoutSeconds > 0 ? probeTimeoutSeconds
                : PluginsConfiguration.DEFAULT_PROBE_TIMEOUT_SECONDS);
        ProbeSettings probe = new ProbeSettings(python, probeTimeout, ProbeSettings.DEFAULT_MAX_OUTPUT);
        CallSettings call = new CallSettings(callTimeout(callTimeoutSeconds), maxOutputBytes, maxStderrBytes,
                CallSettings.DEFAULT_ENVIRONMENT);
        int parallelism = Math.min(MAX_PROBE_PARALLELISM,
                probeParallelism >= 1 ? probeParallelism : PluginsConfiguration.DEFAULT_PROBE_PARALLELISM);
        return new PluginSettings(resolveDirectory(directory), probe, call, parallelism);
    }

    /**
     * @param directory the configured directory; {@code null}, blank or not a valid path means the default
     * @return the directory, absolute (relative values are resolved against the working directory) and normalised
     */
    static Path resolveDirectory(String directory) {
        String value = directory == null || directory.isBlank() ? PluginsConfiguration.DEFAULT_DIRECTORY
                : directory.strip();
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            LOG.warn("Plugins directory '{}' is not a valid path ({}); using '{}'", value, e.getReason(),
                    PluginsConfiguration.DEFAULT_DIRECTORY);
            return Path.of(PluginsConfiguration.DEFAULT_DIRECTORY).toAbsolutePath().normalize();
        }
    }

    /**
     * Upstream's {@code MCP_PLUGIN_TIMEOUT} semantics: zero, negative and non-numbers mean no timeout.
     *
     * @param seconds the configured timeout in seconds
     * @return the timeout, or {@code null} for none
     */
    static Duration callTimeout(double seconds) {
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            return null;
        }
        long nanos = Math.max(1, Math.round(seconds * 1e9));
        return Duration.ofNanos(nanos);
    }
}
