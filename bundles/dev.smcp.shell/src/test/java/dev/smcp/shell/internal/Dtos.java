package dev.smcp.shell.internal;

import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;

/** DTOs as the SMCP services would fill them. */
final class Dtos {

    /** 2026-11-24 10:15:03 UTC */
    static final long TIME = 1_795_515_303_000L;

    private Dtos() {
    }

    static PluginDTO plugin(String name, String state, long bundleId, String error, String... tools) {
        PluginDTO plugin = new PluginDTO();
        plugin.kind = PluginDTO.KIND_CLI;
        plugin.name = name;
        plugin.directory = "/srv/plugins/" + name;
        plugin.executable = "/srv/plugins/" + name + "/cli.py";
        plugin.state = state;
        plugin.source = error == null ? "describe" : null;
        plugin.bundleId = bundleId;
        plugin.tools = tools;
        plugin.error = error;
        plugin.warnings = new String[0];
        plugin.probedAt = TIME;
        return plugin;
    }

    static ToolDTO tool(String name, String plugin, long bundleId, String description) {
        ToolDTO tool = new ToolDTO();
        tool.name = name;
        tool.plugin = plugin;
        tool.bundleId = bundleId;
        tool.serviceId = 100 + bundleId;
        tool.description = description;
        return tool;
    }

    static FailedToolDTO failed(String name, long serviceId, long bundleId, int reason, String message) {
        FailedToolDTO tool = new FailedToolDTO();
        tool.name = name;
        tool.serviceId = serviceId;
        tool.bundleId = bundleId;
        tool.failureReason = reason;
        tool.message = message;
        return tool;
    }

    static SessionDTO session(String id, String transport, String protocol, String client, String version,
            int inFlight) {
        SessionDTO session = new SessionDTO();
        session.id = id;
        session.transport = transport;
        session.protocolVersion = protocol;
        session.clientName = client;
        session.clientVersion = version;
        session.openedAt = TIME;
        session.inFlight = inFlight;
        return session;
    }
}
