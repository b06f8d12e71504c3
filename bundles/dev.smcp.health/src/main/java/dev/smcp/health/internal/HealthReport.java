package dev.smcp.health.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.ServerDTO;

/**
 * Builds the health report from the runtime snapshots. The keys {@code status}, {@code plugins} and
 * {@code plugin_names} are those of upstream SMCP's former {@code health} tool; the rest is ours.
 * <p>
 * The status is {@code healthy} when every known plugin is usable and every tool service is offered, and
 * {@code degraded} when a plugin failed or a tool service was rejected: the server still serves the rest.
 */
final class HealthReport {

    static final String HEALTHY = "healthy";
    static final String DEGRADED = "degraded";

    private HealthReport() {
    }

    /**
     * @param server the protocol engine's snapshot
     * @param plugins the plugins, or {@code null} when no plugins bundle runs
     * @param nowMillis the current time
     * @return the report as JSON-ready maps, lists, strings and numbers
     */
    static Map<String, Object> of(ServerDTO server, PluginDTO[] plugins, long nowMillis) {
        List<String> active = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (PluginDTO plugin : plugins == null ? new PluginDTO[0] : plugins) {
            switch (String.valueOf(plugin.state)) {
                case PluginDTO.STATE_ACTIVE -> active.add(plugin.name);
                case PluginDTO.STATE_STOPPED -> stopped.add(plugin.name);
                default -> failed.add(plugin.name);
            }
        }
        int rejectedTools = server.failedTools == null ? 0 : server.failedTools.length;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", failed.isEmpty() && rejectedTools == 0 ? HEALTHY : DEGRADED);
        report.put("server", server.name);
        report.put("version", server.version);
        report.put("started_at", Instant.ofEpochMilli(server.startedAt).toString());
        report.put("uptime_seconds", Math.max(0, (nowMillis - server.startedAt) / 1000));
        report.put("plugins", active.size());
        report.put("plugin_names", active);
        report.put("plugins_stopped", stopped);
        report.put("plugins_failed", failed);
        report.put("tools", server.tools == null ? 0 : server.tools.length);
        report.put("tools_rejected", rejectedTools);
        report.put("sessions", server.sessions == null ? 0 : server.sessions.length);
        Map<String, Object> calls = new LinkedHashMap<>();
        calls.put("in_flight", server.callsInFlight);
        calls.put("succeeded", server.callsSucceeded);
        calls.put("failed", server.callsFailed);
        calls.put("total", server.callsSucceeded + server.callsFailed);
        report.put("calls", calls);
        return report;
    }
}
