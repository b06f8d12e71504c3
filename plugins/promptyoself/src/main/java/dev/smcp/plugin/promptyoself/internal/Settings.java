package dev.smcp.plugin.promptyoself.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

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
     * @return the settings
     * @throws IllegalArgumentException for unusable values
     */
    static Settings from(PromptYoSelfConfiguration config, Map<String, String> env, Path home) {
        String database = first(config.database(), env.get("PROMPTYOSELF_DB"));
        if (database == null) {
            database = home.resolve(".smcp").resolve("promptyoself.sqlite3").toString();
        }
        String url = first(config.lettaBaseUrl(), env.get("LETTA_BASE_URL"), env.get("LETTA_SERVER_URL"));
        if (config.lettaTimeoutSeconds() < 1 || config.pollSeconds() < 1 || config.claimLeaseSeconds() < 10) {
            throw new IllegalArgumentException("lettaTimeoutSeconds and pollSeconds must be at least 1, "
                    + "claimLeaseSeconds at least 10");
        }
        return new Settings(url == null ? DEFAULT_LETTA_URL : url,
                first(config._lettaToken(), env.get("LETTA_API_KEY"), env.get("LETTA_SERVER_PASSWORD")),
                Duration.ofSeconds(config.lettaTimeoutSeconds()), database,
                first(config.databaseUser(), env.get("PROMPTYOSELF_DB_USER")),
                first(config._databasePassword(), env.get("PROMPTYOSELF_DB_PASSWORD")), config.schedulerEnabled(),
                Duration.ofSeconds(config.pollSeconds()),
                new RetryPolicy(config.maxDeliveryFailures(), Duration.ofSeconds(config.retryBackoffSeconds()),
                        Duration.ofSeconds(config.maxRetryBackoffSeconds())),
                Duration.ofSeconds(config.claimLeaseSeconds()), Schedule.parseZone(config.defaultTimeZone()));
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
