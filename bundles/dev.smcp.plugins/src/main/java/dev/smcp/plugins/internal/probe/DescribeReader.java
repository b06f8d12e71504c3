package dev.smcp.plugins.internal.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.smcp.api.McpTool;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.ParameterDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptor;

/**
 * Turns {@code --describe} output that passed {@link DescribeContract#validate(Object)} into commands.
 */
final class DescribeReader {

    /** Commands upstream never exposes: every call connects by itself. */
    static final Set<String> RESERVED_COMMANDS = Set.of("connect", "disconnect");

    private static final Pattern TOOL_NAME = Pattern.compile(McpTool.NAME_PATTERN);

    private DescribeReader() {
    }

    /**
     * @param plugin the plugin name
     * @param spec valid {@code --describe} output
     * @param warnings receives a line for every command or parameter left out, and why
     * @return the commands, in declared order
     */
    static List<CommandDescriptor> read(String plugin, Map<String, Object> spec, List<String> warnings) {
        List<CommandDescriptor> commands = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object element : (List<?>) spec.get("commands")) {
            Map<String, Object> command = Json.asObject(element);
            String name = (String) command.get("name");
            String skip = commandNameProblem(plugin, name, seen);
            if (skip != null) {
                warnings.add(skip);
                continue;
            }
            seen.add(name);
            String description = command.containsKey("description") ? (String) command.get("description")
                    : defaultDescription(plugin, name);
            List<ParameterDescriptor> parameters = parameters(name, command.get("parameters"), warnings);
            commands.add(new CommandDescriptor(name, description, parameters, SchemaBuilder.build(parameters, true),
                    command.get("title") instanceof String title && !title.isBlank() ? title : null,
                    objectOrNull(plugin, name, "annotations", command.get("annotations"), false, warnings),
                    objectOrNull(plugin, name, "output_schema", command.containsKey("output_schema")
                            ? command.get("output_schema") : command.get("outputSchema"), true, warnings)));
        }
        return commands;
    }

    /**
     * @return the value as a JSON object, or {@code null} (with a warning when it was given but is not an object, or
     *         not a schema with {@code "type": "object"})
     */
    private static Map<String, Object> objectOrNull(String plugin, String command, String field, Object value,
            boolean schema, List<String> warnings) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> && (!schema || "object".equals(((Map<?, ?>) value).get("type")))) {
            return Json.asObject(value);
        }
        warnings.add("Command " + command + " of plugin " + plugin + ": " + field + " ignored: it must be "
                + (schema ? "a JSON Schema object with \"type\": \"object\"" : "a JSON object"));
        return null;
    }

    /**
     * @return why a command by that name cannot become a tool, or {@code null} when it can
     */
    static String commandNameProblem(String plugin, String name, Set<String> seen) {
        if (RESERVED_COMMANDS.contains(name)) {
            return "Command '" + name + "' skipped: connect/disconnect are not exposed (every call connects by itself)";
        }
        if (name.startsWith("-")) {
            return "Command '" + name + "' skipped: a name starting with '-' would be read as an option";
        }
        String tool = plugin + PluginDescriptor.TOOL_SEPARATOR + name;
        if (!TOOL_NAME.matcher(tool).matches()) {
            return "Command '" + name + "' skipped: tool name '" + tool + "' does not match " + McpTool.NAME_PATTERN
                    + (tool.length() > 64 ? " (longer than 64 characters)" : "");
        }
        if (seen.contains(name)) {
            return "Command '" + name + "' skipped: duplicate command name (the first one is kept)";
        }
        return null;
    }

    static String defaultDescription(String plugin, String command) {
        return "Execute " + plugin + " " + command + " command";
    }

    private static List<ParameterDescriptor> parameters(String command, Object declared, List<String> warnings) {
        List<ParameterDescriptor> parameters = new ArrayList<>();
        if (!(declared instanceof List<?> list)) {
            return parameters;
        }
        Map<String, String> byFlag = new HashMap<>();
        for (Object element : list) {
            Map<String, Object> spec = Json.asObject(element);
            String name = (String) spec.get("name");
            String flag = name.replace('-', '_');
            String clash = byFlag.putIfAbsent(flag, name);
            if (clash != null) {
                warnings.add("Command '" + command + "': parameter '" + name + "' skipped: it is the same option as '"
                        + clash + "' (hyphens and underscores are equivalent)");
                continue;
            }
            parameters.add(new ParameterDescriptor(name, type(spec),
                    spec.get("description") instanceof String d ? d : null,
                    Boolean.TRUE.equals(spec.get("required")), spec.get("default"), spec));
        }
        return parameters;
    }

    /** The declared type; when absent, {@code boolean} for a store_true/store_false flag, else {@code string}. */
    private static String type(Map<String, Object> spec) {
        if (spec.get("type") instanceof String type && DescribeContract.TYPES.contains(type)) {
            return type;
        }
        if (spec.get("action") instanceof String action) {
            String a = action.strip().toLowerCase(Locale.ROOT);
            if (a.equals("store_true") || a.equals("store_false")) {
                return "boolean";
            }
        }
        return "string";
    }
}
