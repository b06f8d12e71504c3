package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

    private static LaunchOptions options(String... args) throws LaunchOptions.UsageException {
        return LaunchOptions.parse(args, Map.of(), Path.of("/srv"));
    }

    @Test
    void keysComeFromBothVariablesWithoutDuplicates() {
        Map<String, Object> given = SecuritySettings.given(Map.of("MCP_API_KEY", " one ", "MCP_API_KEYS",
                "two, one,,three"), false);
        assertArrayEquals(new String[] { "one", "two", "three" }, (String[]) given.get("apiKeys"));
        assertFalse(given.containsKey("allowLoopback"));
        assertFalse(given.containsKey("authDisabled"));
    }

    @Test
    void requireAuthAndTheVariablesSetTheLoopbackAndDisabledSwitches() {
        List<String> args = new ArrayList<>(List.of("--port", "1", "--require-auth"));
        assertTrue(SecuritySettings.takeRequireAuth(args));
        assertEquals(List.of("--port", "1"), args);
        assertEquals(Boolean.FALSE, SecuritySettings.given(Map.of(), true).get("allowLoopback"));
        assertEquals(Boolean.FALSE, SecuritySettings.given(Map.of("MCP_AUTH_ALLOW_LOOPBACK", "0"), false)
                .get("allowLoopback"));
        assertEquals(Boolean.TRUE, SecuritySettings.given(Map.of("MCP_AUTH_ALLOW_LOOPBACK", "yes"), false)
                .get("allowLoopback"));
        assertEquals(Boolean.TRUE, SecuritySettings.given(Map.of("MCP_AUTH_DISABLED", "1"), false)
                .get("authDisabled"));
    }

    @Test
    void aNonLoopbackBindWithoutKeyIsRefused() throws Exception {
        String refusal = SecuritySettings.refusal(options("--allow-external"), Map.of());
        assertTrue(refusal.startsWith("refusing to listen on 0.0.0.0 without an API key"), refusal);
        assertTrue(SecuritySettings.refusal(options("--host", "192.168.1.5"), Map.of()).contains("192.168.1.5"));
        assertNull(SecuritySettings.refusal(options("--allow-external"), Map.of("apiKeys", new String[] { "k" })));
        assertNull(SecuritySettings.refusal(options("--allow-external"), Map.of("authDisabled", true)));
        assertNull(SecuritySettings.refusal(options(), Map.of()));
        assertNull(SecuritySettings.refusal(options("--stdio"), Map.of()), "no HTTP, nothing to protect");
    }

    @Test
    void requireAuthWithoutKeyIsRefusedAndDisabledAuthIsAWarning() throws Exception {
        assertTrue(SecuritySettings.refusal(options(), Map.of("allowLoopback", false)).contains("needs an API key"));
        String warning = SecuritySettings.warning(options("--allow-external"), Map.of("authDisabled", true));
        assertTrue(warning.startsWith("WARNING: authentication is DISABLED"), warning);
        assertNull(SecuritySettings.warning(options(), Map.of()));
    }
}
