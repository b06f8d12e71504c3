package dev.smcp.plugin.promptyoself.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration with its fallbacks to the environment applied.
 *
 * @param lettaBaseUrl the Letta server
 * @param lettaToken the Letta token, or {@code null}
 * @param lettaTimeout the longest a Letta request may take
 * @param database a SQLite file path or a JDBC URL
 * @param databaseUser the PostgreSQL user, or {@code null}
 * @param databasePassword the PostgreSQL password, or {@code null}
 * @param schedulerEnabled whether due prompts are delivered automatically
 * @param poll how often the scheduler looks for due prompts
 * @param retries how failed deliveries are retried
 * @param lease how long an instance owns a prompt it delivers
 * @param defaultZone the zone for local times and cron fields when a registration names none
 */
record Settings(String lettaBaseUrl, String lettaToken, Duration lettaTimeout, String database, String databaseUser,
        String databasePassword, boolean schedulerEnabled, Duration poll, RetryPolicy retries, Duration lease,
        ZoneId defaultZone) {

    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);

    /** The Letta server when nothing names one. */
    static final String DEFAULT_LETTA_URL = "http://localhost:8283";

    @Override
    public String toString() {
        // never show the secrets
        return "Settings[letta=" + lettaBaseUrl + ", database=" + database.replaceAll("\\?.*", "") + ", scheduler="
                + schedulerEnabled + ", poll=" + poll + "]";
    }

    /**
     * @param config the configuration
     * @param env the process environment
     * @param home the user's home directory
     * @return the settings; an unusable value is replaced by its default, a number out of range clamped, with a
     *         warning
     */
    static Settings from(PromptYoSelfConfiguration config, Map<String, String> env, Path home) {
        String database = first(config.database(), env.get("PROMPTYOSELF_DB"));
        if (database == null) {
            database = home.resolve(".smcp").resolve("promptyoself.sqlite3").toString();
        }
        String url = first(config.lettaBaseUrl(), env.get("LETTA_BASE_URL"), env.get("LETTA_SERVER_URL"));
        if (url != null && !url.matches("(?i)https?://[^/?#\\s]+.*")) {
            LOG.warn("PromptYoSelf: the Letta base URL is not an http(s) URL; using {}", DEFAULT_LETTA_URL);
            url = null;
        }
        ZoneId zone;
        try {
            zone = Schedule.parseZone(config.defaultTimeZone());
        } catch (IllegalArgumentException e) {
            LOG.warn("PromptYoSelf: defaultTimeZone: {}; using UTC", e.getMessage());
            zone = ZoneId.of("UTC");
        }
        // out-of-range numbers are clamped, as everywhere in SMCP
        int timeout = Math.max(1, config.lettaTimeoutSeconds());
        int firstDelay = Math.max(1, config.retryBackoffSeconds());
        return new Settings(url == null ? DEFAULT_LETTA_URL : url,
                first(config._lettaToken(), env.get("LETTA_API_KEY"), env.get("LETTA_SERVER_PASSWORD")),
                Duration.ofSeconds(timeout), database,
                first(config.databaseUser(), env.get("PROMPTYOSELF_DB_USER")),
                first(config._databasePassword(), env.get("PROMPTYOSELF_DB_PASSWORD")), config.schedulerEnabled(),
                Duration.ofSeconds(Math.max(1, config.pollSeconds())),
                new RetryPolicy(Math.max(1, config.maxDeliveryFailures()), Duration.ofSeconds(firstDelay),
                        Duration.ofSeconds(Math.max(firstDelay, config.maxRetryBackoffSeconds()))),
                Duration.ofSeconds(Math.max(Math.max(10, config.claimLeaseSeconds()), 2L * timeout)), zone);
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
