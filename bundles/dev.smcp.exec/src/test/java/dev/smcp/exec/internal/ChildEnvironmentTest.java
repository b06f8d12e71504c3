package dev.smcp.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void extraVariablesAreAddedButNeverShadowTheServerOrProtectedNames() {
        ChildEnvironment environment = new ChildEnvironment(Map.of("PATH", "/usr/bin", "MCP_API_KEY", "k",
                "SHARED", "server"),
                List.of(), List.of("WEATHER_TOKEN=abc", "PATH=/evil", "MCP_PORT=1", "LD_PRELOAD=x.so",
                        "SHARED=letta", "java_home=/j", "EMPTY=", "no-equals", "LATER=1", "LATER=2"));

        Map<String, String> base = environment.base();
        assertEquals("abc", base.get("WEATHER_TOKEN"));
        assertEquals("/usr/bin", base.get("PATH"));
        assertEquals("server", base.get("SHARED"));
        assertEquals("", base.get("EMPTY"));
        assertEquals("2", base.get("LATER"));
        assertFalse(base.containsKey("MCP_PORT"));
        assertFalse(base.containsKey("LD_PRELOAD"));
        assertFalse(base.containsKey("java_home"));
        assertFalse(base.containsKey("MCP_API_KEY"));
        assertEquals(Set.of("WEATHER_TOKEN", "EMPTY", "LATER"), environment.extraNames());
        assertTrue(environment.skippedNames().containsAll(Set.of("PATH", "MCP_PORT", "LD_PRELOAD", "SHARED",
                "java_home", "(malformed entry)")));
    }
}
