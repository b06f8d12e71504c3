package dev.smcp.health.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;

class HealthReportTest {

    private static final long STARTED = 1_700_000_000_000L;

    @Test
    void healthyServerReportsCountsUptimeAndCalls() {
        ServerDTO server = server(2, 0, 3);
        server.callsInFlight = 1;
        server.callsSucceeded = 7;
        server.callsFailed = 2;
        Map<String, Object> report = HealthReport.of(server,
                new PluginDTO[] { plugin("clock", PluginDTO.STATE_ACTIVE), plugin("demo_math", PluginDTO.STATE_ACTIVE) },
                STARTED + 61_999);

        assertEquals("healthy", report.get("status"));
        assertEquals("smcp-osgi", report.get("server"));
        assertEquals("1.2.3", report.get("version"));
        assertEquals("2023-11-14T22:13:20Z", report.get("started_at"));
        assertEquals(61L, report.get("uptime_seconds"));
        assertEquals(2, report.get("plugins"));
        assertEquals(List.of("clock", "demo_math"), report.get("plugin_names"));
        assertEquals(2, report.get("tools"));
        assertEquals(0, report.get("tools_rejected"));
        assertEquals(3, report.get("sessions"));
        assertEquals(Map.of("in_flight", 1, "succeeded", 7L, "failed", 2L, "total", 9L), report.get("calls"));
    }

    @Test
    void failedPluginOrRejectedToolMakesItDegraded() {
        Map<String, Object> failedPlugin = HealthReport.of(server(1, 0, 0),
                new PluginDTO[] { plugin("ok", PluginDTO.STATE_ACTIVE), plugin("broken", PluginDTO.STATE_FAILED),
                        plugin("off", PluginDTO.STATE_STOPPED) },
                STARTED);
        assertEquals("degraded", failedPlugin.get("status"));
        assertEquals(1, failedPlugin.get("plugins"));
        assertEquals(List.of("broken"), failedPlugin.get("plugins_failed"));
        assertEquals(List.of("off"), failedPlugin.get("plugins_stopped"));

        Map<String, Object> rejectedTool = HealthReport.of(server(1, 1, 0), null, STARTED);
        assertEquals("degraded", rejectedTool.get("status"));
        assertEquals(1, rejectedTool.get("tools_rejected"));
        assertEquals(0, rejectedTool.get("plugins"));
    }

    @Test
    void stoppedPluginAloneIsStillHealthy() {
        Map<String, Object> report = HealthReport.of(server(0, 0, 0),
                new PluginDTO[] { plugin("off", PluginDTO.STATE_STOPPED) }, STARTED);
        assertEquals("healthy", report.get("status"));
    }

    private static ServerDTO server(int tools, int rejected, int sessions) {
        ServerDTO server = new ServerDTO();
        server.name = "smcp-osgi";
        server.version = "1.2.3";
        server.startedAt = STARTED;
        server.tools = new ToolDTO[tools];
        server.failedTools = new FailedToolDTO[rejected];
        server.sessions = new SessionDTO[sessions];
        return server;
    }

    private static PluginDTO plugin(String name, String state) {
        PluginDTO plugin = new PluginDTO();
        plugin.name = name;
        plugin.state = state;
        return plugin;
    }
}
