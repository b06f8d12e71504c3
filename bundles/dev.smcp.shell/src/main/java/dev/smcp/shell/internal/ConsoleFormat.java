package dev.smcp.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.ScanDTO;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;

/** The text the console commands print: aligned tables and labelled blocks, without a final line break. */
final class ConsoleFormat {

    private static final int SHORT_ERROR = 60;
    private static final int SHORT_DESCRIPTION = 70;
    private static final int LABEL_WIDTH = 16;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    /** @param zone the time zone times are shown in */
    ConsoleFormat(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** {@code smcp:plugins}: one line per plugin. */
    String plugins(PluginDTO[] plugins) {
        if (plugins.length == 0) {
            return "No plugins.";
        }
        TextTable table = TextTable.withHeaders("NAME", "KIND", "STATE", "BUNDLE", "TOOLS", "SOURCE", "ERROR")
                .rightAligned(3, 4);
        for (PluginDTO plugin : plugins) {
            table.row(plugin.name, plugin.kind, plugin.state, bundle(plugin.bundleId), length(plugin.tools),
                    plugin.source, Text.oneLine(plugin.error, SHORT_ERROR));
        }
        return table.render();
    }

    /** {@code smcp:plugin}: everything about one plugin, one labelled line or block per field. */
    String plugin(PluginDTO plugin) {
        StringBuilder out = new StringBuilder();
        field(out, "name", plugin.name);
        field(out, "kind", plugin.kind);
        field(out, "state", plugin.state);
        field(out, "bundle", bundle(plugin.bundleId));
        field(out, "directory", plugin.directory);
        field(out, "executable", plugin.executable);
        field(out, "source", plugin.source);
        field(out, "probed at", plugin.probedAt > 0 ? time(plugin.probedAt) : null);
        list(out, "tools", plugin.tools);
        list(out, "warnings", plugin.warnings);
        field(out, "error", plugin.error);
        return out.toString().stripTrailing();
    }

    /** {@code smcp:tools}: the tools offered, then the tool services that are not. */
    String tools(ServerDTO server) {
        ToolDTO[] tools = server.tools == null ? new ToolDTO[0] : server.tools;
        FailedToolDTO[] failed = server.failedTools == null ? new FailedToolDTO[0] : server.failedTools;
        StringBuilder out = new StringBuilder();
        if (tools.length == 0) {
            out.append("No tools offered.");
        } else {
            TextTable table = TextTable.withHeaders("TOOL", "PLUGIN", "BUNDLE", "DESCRIPTION").rightAligned(2);
            for (ToolDTO tool : tools) {
                table.row(tool.name, tool.plugin, bundle(tool.bundleId),
                        Text.oneLine(tool.description, SHORT_DESCRIPTION));
            }
            out.append(table.render());
        }
        if (failed.length > 0) {
            out.append("\n\nNot offered (").append(failed.length).append("):\n");
            TextTable table = TextTable.withHeaders("NAME", "SERVICE", "BUNDLE", "REASON", "MESSAGE")
                    .rightAligned(1, 2);
            for (FailedToolDTO tool : failed) {
                table.row(tool.name, tool.serviceId, bundle(tool.bundleId), reason(tool.failureReason),
                        tool.message);
            }
            out.append(table.render());
        }
        return out.toString();
    }

    /** {@code smcp:sessions}: one line per open session. */
    String sessions(SessionDTO[] sessions) {
        if (sessions.length == 0) {
            return "No open sessions.";
        }
        TextTable table = TextTable.withHeaders("ID", "TRANSPORT", "PROTOCOL", "CLIENT", "OPENED AT", "IN FLIGHT")
                .rightAligned(5);
        for (SessionDTO session : sessions) {
            String client = session.clientName == null ? null
                    : session.clientName + (session.clientVersion == null ? "" : " " + session.clientVersion);
            table.row(session.id, session.transport, session.protocolVersion, client, time(session.openedAt),
                    session.inFlight);
        }
        return table.render();
    }

    /** {@code smcp:rescan}: what the scan did. */
    String scan(ScanDTO scan) {
        StringBuilder out = new StringBuilder();
        out.append("Scanned ").append(Text.oneLine(scan.directory, 200)).append(" in ").append(scan.durationMillis)
                .append(" ms").append(scan.complete ? "" : " (incomplete: stopped, or the directory cannot be read)")
                .append('\n');
        TextTable table = TextTable.withHeaders("OUTCOME", "COUNT", "PLUGINS").rightAligned(1);
        outcome(table, "installed", scan.installed);
        outcome(table, "updated", scan.updated);
        outcome(table, "unchanged", scan.unchanged);
        outcome(table, "removed", scan.removed);
        outcome(table, "failed", scan.failed);
        return out.append(table.render()).toString();
    }

    /**
     * {@code smcp:call}: the first line says how the call ended ({@code ok}, {@code ERROR ...}, {@code INTERRUPTED},
     * {@code TIMED OUT}); then the text content and the structured content, pretty-printed.
     */
    String call(String tool, ToolCaller.Outcome outcome) {
        String name = Text.oneLine(tool, 200);
        if (outcome instanceof ToolCaller.Answered answered) {
            return answered(name, answered.result());
        }
        if (outcome instanceof ToolCaller.Failed failed) {
            StringBuilder out = new StringBuilder();
            out.append(name).append(": ERROR ").append(failed.code()).append(": ")
                    .append(Text.oneLine(failed.message(), 200));
            if (!"tools/call".equals(failed.method())) {
                out.append(" (in ").append(failed.method()).append(')');
            }
            if (failed.data() != null && !failed.data().isNull()) {
                out.append("\nerror data:\n").append(Text.multiLine(Json.pretty(failed.data())));
            }
            return out.toString();
        }
        if (outcome instanceof ToolCaller.Interrupted) {
            return name + ": INTERRUPTED: the call was cancelled and its session closed";
        }
        if (outcome instanceof ToolCaller.TimedOut timedOut) {
            return name + ": TIMED OUT after " + seconds(timedOut.after())
                    + ": the call was cancelled and its session closed";
        }
        return name + ": ERROR: the session was closed before the answer came (the MCP server or the console is "
                + "stopping)";
    }

    private static String answered(String name, JsonNode result) {
        StringBuilder out = new StringBuilder(name);
        JsonNode structured = result == null ? null : result.get("structuredContent");
        if (result != null && result.path("isError").asBoolean(false)) {
            JsonNode error = structured == null ? null : structured.get("error");
            String code = error == null ? null : error.path("code").asText(null);
            String message = error == null ? null
                    : error.isTextual() ? error.textValue() : error.path("message").asText(null);
            out.append(": ERROR ").append(code == null ? "(no error code)" : Text.oneLine(code, 60));
            if (message != null) {
                out.append(": ").append(Text.oneLine(message, 200));
            }
        } else {
            out.append(": ok");
        }
        for (JsonNode block : result == null ? List.<JsonNode>of() : iterable(result.path("content"))) {
            String type = block.path("type").asText("?");
            if ("text".equals(type)) {
                out.append("\ntext:\n").append(Text.multiLine(block.path("text").asText("")).stripTrailing());
            } else {
                out.append("\n").append(Text.oneLine(type, 40)).append(" content: ")
                        .append(Text.oneLine(Json.compact(block), 100));
            }
        }
        if (structured != null && !structured.isNull()) {
            out.append("\nstructured content:\n").append(Text.multiLine(Json.pretty(structured)));
        }
        return out.toString();
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static String reason(int failureReason) {
        switch (failureReason) {
        case FailedToolDTO.FAILURE_REASON_SHADOWED:
            return "shadowed";
        case FailedToolDTO.FAILURE_REASON_INVALID_NAME:
            return "invalid name";
        case FailedToolDTO.FAILURE_REASON_INVALID_SCHEMA:
            return "invalid schema";
        default:
            return "reason " + failureReason;
        }
    }

    private String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }

    private static String bundle(long bundleId) {
        return bundleId < 0 ? Text.NONE : Long.toString(bundleId);
    }

    private static int length(Object[] array) {
        return array == null ? 0 : array.length;
    }

    private static void outcome(TextTable table, String label, String[] plugins) {
        String[] names = plugins == null ? new String[0] : plugins;
        table.row(label, names.length, names.length == 0 ? null : String.join(", ", names));
    }

    private static void field(StringBuilder out, String label, String value) {
        out.append(label(label)).append(Text.indentFollowing(Text.multiLine(value).stripTrailing(), LABEL_WIDTH))
                .append('\n');
    }

    private static void list(StringBuilder out, String label, String[] values) {
        String[] items = values == null ? new String[0] : values;
        String heading = label + " (" + items.length + ")";
        if (items.length == 0) {
            out.append(label(heading)).append(Text.NONE).append('\n');
            return;
        }
        List<String> lines = Arrays.stream(items).map(v -> Text.oneLine(v, 200)).toList();
        out.append(label(heading)).append(String.join("\n" + " ".repeat(Math.max(LABEL_WIDTH, heading.length() + 2)),
                lines)).append('\n');
    }

    private static String label(String label) {
        String text = label + ":";
        return text + " ".repeat(Math.max(1, LABEL_WIDTH - text.length()));
    }
}
