package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class WatchSettingsTest {

    @Test
    void defaults() {
        WatchSettings settings = WatchSettings.from(config(true, 300, 2, "*.log", "*.db"));
        assertTrue(settings.enabled());
        assertEquals(Duration.ofMillis(300), settings.quiet());
        assertEquals(Duration.ofSeconds(2), settings.poll());
        assertEquals(List.of("*.log", "*.db"), settings.ignoredNames());
    }

    @Test
    void outOfRangeValuesFallBackToDefaults() {
        WatchSettings settings = WatchSettings.from(config(false, 1, -5, " ", " *.tmp "));
        assertFalse(settings.enabled());
        assertEquals(Duration.ofMillis(PluginsConfiguration.DEFAULT_WATCH_QUIET_MILLIS), settings.quiet());
        assertEquals(Duration.ofSeconds(PluginsConfiguration.DEFAULT_WATCH_POLL_SECONDS), settings.poll());
        assertEquals(List.of("*.tmp"), settings.ignoredNames());
    }

    @Test
    void zeroPollMeansEventsOnly() {
        assertEquals(Duration.ZERO, WatchSettings.from(config(true, 50, 0)).poll());
    }

    @Test
    void recordChecksItsValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new WatchSettings(true, Duration.ofMillis(1), Duration.ZERO, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new WatchSettings(true, Duration.ofMillis(100), Duration.ofSeconds(-1), List.of()));
    }

    static PluginsConfiguration config(boolean watch, int quietMillis, int pollSeconds, String... ignore) {
        return new PluginsConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PluginsConfiguration.class;
            }

            @Override
            public String directory() {
                return DEFAULT_DIRECTORY;
            }

            @Override
            public String python() {
                return DEFAULT_PYTHON;
            }

            @Override
            public int probeTimeoutSeconds() {
                return DEFAULT_PROBE_TIMEOUT_SECONDS;
            }

            @Override
            public double callTimeoutSeconds() {
                return DEFAULT_CALL_TIMEOUT_SECONDS;
            }

            @Override
            public int maxOutputBytes() {
                return DEFAULT_MAX_OUTPUT_BYTES;
            }

            @Override
            public int maxStderrBytes() {
                return DEFAULT_MAX_STDERR_BYTES;
            }

            @Override
            public int probeParallelism() {
                return DEFAULT_PROBE_PARALLELISM;
            }

            @Override
            public boolean watch() {
                return watch;
            }

            @Override
            public int watchQuietMillis() {
                return quietMillis;
            }

            @Override
            public int watchPollSeconds() {
                return pollSeconds;
            }

            @Override
            public String[] watchIgnore() {
                return ignore;
            }
        };
    }
}
