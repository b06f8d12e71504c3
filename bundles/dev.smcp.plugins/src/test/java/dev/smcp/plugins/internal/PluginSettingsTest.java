package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;

import dev.smcp.plugins.internal.call.CallSettings;

import org.junit.jupiter.api.Test;

class PluginSettingsTest {

    private static final Path CWD = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();

    @Test
    void defaults() {
        PluginSettings settings = PluginSettings.of(PluginsConfiguration.DEFAULT_DIRECTORY,
                PluginsConfiguration.DEFAULT_PYTHON, PluginsConfiguration.DEFAULT_PROBE_TIMEOUT_SECONDS,
                PluginsConfiguration.DEFAULT_CALL_TIMEOUT_SECONDS, PluginsConfiguration.DEFAULT_MAX_OUTPUT_BYTES,
                PluginsConfiguration.DEFAULT_MAX_STDERR_BYTES, PluginsConfiguration.DEFAULT_PROBE_PARALLELISM);

        assertEquals(CWD.resolve("plugins"), settings.directory());
        assertEquals("python3", settings.probe().python());
        assertEquals(Duration.ofSeconds(10), settings.probe().probeTimeout());
        assertNull(settings.call().timeout());
        assertEquals(16 * 1024 * 1024, settings.call().maxStdoutBytes());
        assertEquals(64 * 1024, settings.call().maxStderrBytes());
        assertEquals(CallSettings.DEFAULT_ENVIRONMENT, settings.call().environment());
        assertEquals(4, settings.probeParallelism());
    }

    @Test
    void directoriesResolveAgainstTheWorkingDirectory() {
        assertEquals(CWD.resolve("x/plugins"), PluginSettings.resolveDirectory("x/./plugins"));
        assertEquals(Path.of("/opt/smcp/plugins"), PluginSettings.resolveDirectory(" /opt/smcp/plugins "));
        assertEquals(CWD.resolve("plugins"), PluginSettings.resolveDirectory(""));
        assertEquals(CWD.resolve("plugins"), PluginSettings.resolveDirectory(null));
        assertEquals(CWD.resolve("plugins"), PluginSettings.resolveDirectory("bad\0path"));
    }

    @Test
    void callTimeoutFollowsUpstreamSemantics() {
        assertNull(PluginSettings.callTimeout(0));
        assertNull(PluginSettings.callTimeout(-1));
        assertNull(PluginSettings.callTimeout(Double.NaN));
        assertNull(PluginSettings.callTimeout(Double.POSITIVE_INFINITY));
        assertEquals(Duration.ofMillis(2500), PluginSettings.callTimeout(2.5));
        assertEquals(Duration.ofSeconds(300), PluginSettings.callTimeout(300));
    }

    @Test
    void outOfRangeValuesFallBackToDefaults() {
        PluginSettings settings = PluginSettings.of("plugins", " ", 0, -3, 0, -1, 0);

        assertEquals("python3", settings.probe().python());
        assertEquals(Duration.ofSeconds(10), settings.probe().probeTimeout());
        assertNull(settings.call().timeout());
        assertEquals(16 * 1024 * 1024, settings.call().maxStdoutBytes());
        assertEquals(64 * 1024, settings.call().maxStderrBytes());
        assertEquals(4, settings.probeParallelism());
        assertEquals(PluginSettings.MAX_PROBE_PARALLELISM,
                PluginSettings.of("plugins", "python3", 10, 0, 1, 1, 10_000).probeParallelism());
    }
}
