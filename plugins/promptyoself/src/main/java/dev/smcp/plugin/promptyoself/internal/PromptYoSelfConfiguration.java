package dev.smcp.plugin.promptyoself.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PromptYoSelf (PID {@value #PID}). Empty text values fall back to the environment variables named
 * in their descriptions. The two secrets are private properties (their names start with a dot), so they never
 * appear as service properties.
 */
@ObjectClassDefinition(name = "SMCP PromptYoSelf",
        description = "Self-prompt scheduler for Letta agents: where prompts are stored, how the Letta server is "
                + "reached, and how due prompts are delivered.")
public @interface PromptYoSelfConfiguration {

    /** The configuration PID. */
    String PID = "dev.smcp.plugin.promptyoself";

    @AttributeDefinition(name = "Letta base URL", required = false,
            description = "Base URL of the Letta server, e.g. http://localhost:8283. Empty: $LETTA_BASE_URL, else "
                    + "$LETTA_SERVER_URL, else http://localhost:8283.")
    String lettaBaseUrl() default "";

    @AttributeDefinition(name = "Letta token", type = AttributeType.PASSWORD, required = false,
            description = "Bearer token for the Letta server (property .lettaToken). Empty: $LETTA_API_KEY, else "
                    + "$LETTA_SERVER_PASSWORD, else no Authorization header.")
    String _lettaToken() default "";

    @AttributeDefinition(name = "Letta timeout (seconds)", min = "1",
            description = "How long one Letta request may take, connection included.")
    int lettaTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Database", required = false,
            description = "A SQLite file path, or a JDBC URL (jdbc:sqlite:<file> or jdbc:postgresql://host:port/db). "
                    + "Empty: $PROMPTYOSELF_DB, else ~/.smcp/promptyoself.sqlite3. A SQLite file is created on the "
                    + "first registration.")
    String database() default "";

    @AttributeDefinition(name = "Database user", required = false,
            description = "PostgreSQL user. Empty: $PROMPTYOSELF_DB_USER, else the driver's default.")
    String databaseUser() default "";

    @AttributeDefinition(name = "Database password", type = AttributeType.PASSWORD, required = false,
            description = "PostgreSQL password (property .databasePassword). Empty: $PROMPTYOSELF_DB_PASSWORD.")
    String _databasePassword() default "";

    @AttributeDefinition(name = "Scheduler", description = "Deliver due prompts automatically.")
    boolean schedulerEnabled() default true;

    @AttributeDefinition(name = "Poll interval (seconds)", min = "1",
            description = "How often the scheduler looks for due prompts.")
    int pollSeconds() default 5;

    @AttributeDefinition(name = "Delivery failure limit", min = "1",
            description = "Consecutive failed deliveries after which a prompt is deactivated (status 'failed').")
    int maxDeliveryFailures() default 5;

    @AttributeDefinition(name = "First retry delay (seconds)", min = "1",
            description = "Delay before the first retry of a failed delivery; it doubles with every further failure.")
    int retryBackoffSeconds() default 30;

    @AttributeDefinition(name = "Longest retry delay (seconds)", min = "1",
            description = "Upper bound of the doubling retry delay.")
    int maxRetryBackoffSeconds() default 3600;

    @AttributeDefinition(name = "Claim lease (seconds)", min = "10",
            description = "How long a server instance owns a due prompt while it delivers it. Another instance "
                    + "sharing the database takes the prompt over only after the lease expired (the first one "
                    + "died). At least 10 s and twice the Letta timeout; a shorter lease is raised to that.")
    int claimLeaseSeconds() default 300;

    @AttributeDefinition(name = "Default time zone",
            description = "Zone for ISO times without an offset and for cron expressions, when a registration names "
                    + "none (IANA id such as Europe/Paris, or UTC). Times are stored in UTC.")
    String defaultTimeZone() default "UTC";
}
