package dev.smcp.plugin.promptyoself.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path HOME = Path.of("/home/agent");

    /** @return the configuration with these values, the annotation's defaults for the rest */
    private static PromptYoSelfConfiguration config(Map<String, Object> values) {
        return (PromptYoSelfConfiguration) Proxy.newProxyInstance(SettingsTest.class.getClassLoader(),
                new Class<?>[] {PromptYoSelfConfiguration.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    void defaultsWithoutConfigurationOrEnvironment() {
        Settings settings = Settings.from(config(Map.of()), Map.of(), HOME);
        assertEquals("http://localhost:8283", settings.lettaBaseUrl());
        assertNull(settings.lettaToken());
        assertEquals(HOME.resolve(".smcp/promptyoself.sqlite3").toString(), settings.database());
        assertEquals(Duration.ofSeconds(5), settings.poll());
        assertEquals(new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofHours(1)), settings.retries());
        assertEquals(ZoneId.of("UTC"), settings.defaultZone());
    }

    @Test
    void theEnvironmentFillsWhatTheConfigurationLeavesEmpty() {
        Map<String, String> env = Map.of("LETTA_SERVER_URL", "http://letta:8284", "LETTA_SERVER_PASSWORD", "pw",
                "PROMPTYOSELF_DB", "/data/unified.sqlite3");
        Settings fromEnv = Settings.from(config(Map.of()), env, HOME);
        assertEquals("http://letta:8284", fromEnv.lettaBaseUrl());
        assertEquals("pw", fromEnv.lettaToken());
        assertEquals("/data/unified.sqlite3", fromEnv.database());

        Map<String, String> preferred = Map.of("LETTA_BASE_URL", "http://base:8283", "LETTA_SERVER_URL",
                "http://letta:8284", "LETTA_API_KEY", "key", "LETTA_SERVER_PASSWORD", "pw");
        Settings both = Settings.from(config(Map.of()), preferred, HOME);
        assertEquals("http://base:8283", both.lettaBaseUrl());
        assertEquals("key", both.lettaToken());

        Settings configured = Settings.from(config(Map.of("lettaBaseUrl", "https://letta.example", "_lettaToken",
                "configured", "database", "jdbc:postgresql://db/prompts")), preferred, HOME);
        assertEquals("https://letta.example", configured.lettaBaseUrl());
        assertEquals("configured", configured.lettaToken());
        assertFalse(configured.toString().contains("configured"), "no secret in the description");
    }

    @Test
    void unusableValuesFallBackAndNumbersAreClamped() {
        Settings settings = Settings.from(config(Map.of("lettaBaseUrl", "letta:8283", "defaultTimeZone", "Mars/Base",
                "pollSeconds", 0, "lettaTimeoutSeconds", 100, "claimLeaseSeconds", 1, "maxDeliveryFailures", -3,
                "retryBackoffSeconds", 60, "maxRetryBackoffSeconds", 10)), Map.of(), HOME);
        assertEquals("http://localhost:8283", settings.lettaBaseUrl());
        assertEquals(ZoneId.of("UTC"), settings.defaultZone());
        assertEquals(Duration.ofSeconds(1), settings.poll());
        assertEquals(Duration.ofSeconds(200), settings.lease(), "twice the Letta timeout");
        assertEquals(new RetryPolicy(1, Duration.ofSeconds(60), Duration.ofSeconds(60)), settings.retries());
    }
}
