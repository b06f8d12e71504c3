package dev.smcp.plugins.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How the plugins directory is watched, checked.
 *
 * @param enabled whether changes are noticed while the server runs
 * @param quiet how long a plugin's files must be left alone before a change is applied, positive
 * @param poll how often the directory is listed as well, or {@link Duration#ZERO} for never
 * @param ignoredNames glob patterns of names inside a plugin directory whose changes do not count
 */
record WatchSettings(boolean enabled, Duration quiet, Duration poll, List<String> ignoredNames) {

    /** Lower bound of {@link #quiet()}. */
    static final Duration MIN_QUIET = Duration.ofMillis(10);

    WatchSettings {
        Objects.requireNonNull(quiet, "quiet");
        Objects.requireNonNull(poll, "poll");
        ignoredNames = List.copyOf(ignoredNames);
        if (quiet.compareTo(MIN_QUIET) < 0) {
            throw new IllegalArgumentException("quiet must be at least " + MIN_QUIET.toMillis() + " ms");
        }
        if (poll.isNegative()) {
            throw new IllegalArgumentException("poll must not be negative");
        }
    }

    /**
     * @param config the configuration as given; out-of-range values fall back to their defaults
     * @return the settings
     */
    static WatchSettings from(PluginsConfiguration config) {
        int quietMillis = config.watchQuietMillis() >= MIN_QUIET.toMillis() ? config.watchQuietMillis()
                : PluginsConfiguration.DEFAULT_WATCH_QUIET_MILLIS;
        int pollSeconds = config.watchPollSeconds() >= 0 ? config.watchPollSeconds()
                : PluginsConfiguration.DEFAULT_WATCH_POLL_SECONDS;
        String[] ignore = config.watchIgnore() == null ? new String[0] : config.watchIgnore();
        return new WatchSettings(config.watch(), Duration.ofMillis(quietMillis), Duration.ofSeconds(pollSeconds),
                Arrays.stream(ignore).filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
}
