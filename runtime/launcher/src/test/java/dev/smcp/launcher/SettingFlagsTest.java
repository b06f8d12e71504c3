package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingFlagsTest {

    @Test
    void flagsWinOverVariablesAndReachEveryPidOfTheirSetting() throws Exception {
        SettingFlags.Extracted extracted = SettingFlags.extract(new String[] { "--port", "9000",
                "--probe-parallelism=2", "--max-sessions", "7" },
                Map.of("MCP_PROBE_PARALLELISM", "8", "MCP_TOOLS_PAGE_SIZE", "25"));
        assertArrayEquals(new String[] { "--port", "9000" }, extracted.rest());
        assertEquals(2, extracted.settings().get("dev.smcp.plugins").get("probeParallelism"));
        assertEquals(25, extracted.settings().get("dev.smcp.protocol").get("toolsPageSize"));
        assertEquals(7, extracted.settings().get("dev.smcp.transport.http").get("maxSessions"));
        assertEquals(7, extracted.settings().get("dev.smcp.transport.http.streamable").get("maxSessions"));
    }

    @Test
    void securityAndLimitFlagsReachTheirPids() throws Exception {
        SettingFlags.Extracted extracted = SettingFlags.extract(new String[] { "--allowed-hosts",
                "mcp.example.com, other:9000", "--session-idle-seconds=60" },
                Map.of("MCP_ALLOWED_ORIGINS", "https://app.example.com", "MCP_MAX_CALLS_PER_SESSION", "4",
                        "MCP_BODY_TIMEOUT_SECONDS", "0"));
        Map<String, Object> security = extracted.settings().get("dev.smcp.transport.http.security");
        assertArrayEquals(new String[] { "mcp.example.com", "other:9000" }, (String[]) security.get("allowedHosts"));
        assertArrayEquals(new String[] { "https://app.example.com" }, (String[]) security.get("allowedOrigins"));
        assertEquals(60, extracted.settings().get("dev.smcp.transport.http.streamable").get("sessionIdleSeconds"));
        assertEquals(4, extracted.settings().get("dev.smcp.protocol").get("maxCallsPerSession"));
        assertEquals(0, extracted.settings().get("dev.smcp.transport.http").get("bodyTimeoutSeconds"));
        assertEquals("--session-idle-seconds: expected a whole number, got 'soon'",
                assertThrows(LaunchOptions.UsageException.class, () -> SettingFlags.extract(
                        new String[] { "--session-idle-seconds", "soon" }, Map.of())).getMessage());
    }

    @Test
    void badValuesNameTheirFlagOrVariable() {
        assertEquals("MCP_TOOLS_PAGE_SIZE: expected a whole number, got 'many'",
                assertThrows(LaunchOptions.UsageException.class,
                        () -> SettingFlags.extract(new String[0], Map.of("MCP_TOOLS_PAGE_SIZE", "many"))).getMessage());
        assertEquals("--keep-alive-seconds: expected a whole number from 0 to 2147483647, got '-5'",
                assertThrows(LaunchOptions.UsageException.class,
                        () -> SettingFlags.extract(new String[] { "--keep-alive-seconds", "-5" }, Map.of()))
                        .getMessage());
        assertEquals("option --max-body-bytes needs a value", assertThrows(LaunchOptions.UsageException.class,
                () -> SettingFlags.extract(new String[] { "--max-body-bytes" }, Map.of())).getMessage());
    }

    @Test
    void takeRemovesAPathFlagAndFallsBackToTheVariable() throws Exception {
        List<String> args = new ArrayList<>(List.of("--conf", "/etc/smcp", "--stdio"));
        assertEquals("/etc/smcp", SettingFlags.take(args, "--conf", "/other"));
        assertEquals(List.of("--stdio"), args);
        assertEquals("/other", SettingFlags.take(args, "--conf", " /other "));
        assertEquals(null, SettingFlags.take(args, "--log-dir", null));
    }
}
