package dev.smcp.plugins.internal.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.smcp.plugins.internal.model.Json;

/**
 * Validates {@code --describe} output against the plugin contract v1 with upstream's field-addressed messages
 * (upstream {@code validate_describe_contract}).
 */
final class DescribeContract {

    /** The contract version this implementation speaks, as named in messages. */
    static final String VERSION = "1.0";

    /** What a command name must match: it becomes part of the tool name. */
    static final Pattern COMMAND_NAME = Pattern.compile("^[a-zA-Z0-9_-]+$");

    /** The parameter types of the contract, in the order upstream's message lists them. */
    static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");

    private static final String TYPE_LIST = "array|boolean|integer|number|object|string";

    private DescribeContract() {
    }

    /**
     * @param spec the decoded {@code --describe} output
     * @return the violations, empty when the output conforms
     */
    static List<String> validate(Object spec) {
        List<String> errors = new ArrayList<>();
        if (!(spec instanceof Map<?, ?>)) {
            errors.add("describe output must be a JSON object");
            return errors;
        }
        Map<String, Object> root = Json.asObject(spec);
        if (root.containsKey("contract_version")) {
            Object version = root.get("contract_version");
            if (!(version instanceof String v)) {
                errors.add("contract_version must be a string (e.g. \"1.0\")");
            } else if (!v.split("\\.", -1)[0].equals("1")) {
                errors.add("unsupported contract_version " + repr(v) + "; this core implements contract v1");
            }
        }
        if (root.containsKey("plugin")) {
            Object plugin = root.get("plugin");
            if (!(plugin instanceof Map<?, ?> p)) {
                errors.add("plugin must be an object");
            } else if (p.containsKey("name") && !nonEmptyString(p.get("name"))) {
                errors.add("plugin.name must be a non-empty string");
            }
        }
        if (!root.containsKey("commands")) {
            errors.add("missing required 'commands' array");
        } else if (!(root.get("commands") instanceof List<?> commands)) {
            errors.add("'commands' must be an array");
        } else {
            for (int i = 0; i < commands.size(); i++) {
                validateCommand(commands.get(i), "commands[" + i + "]", errors);
            }
        }
        return errors;
    }

    private static void validateCommand(Object value, String at, List<String> errors) {
        if (!(value instanceof Map<?, ?>)) {
            errors.add(at + " must be an object");
            return;
        }
        Map<String, Object> command = Json.asObject(value);
        if (!command.containsKey("name")) {
            errors.add(at + ".name is required");
        } else if (!nonEmptyString(command.get("name"))) {
            errors.add(at + ".name must be a non-empty string");
        } else if (!COMMAND_NAME.matcher((String) command.get("name")).matches()) {
            errors.add(at + ".name " + repr(command.get("name")) + " must match " + COMMAND_NAME.pattern()
                    + " (it becomes part of the tool name)");
        }
        if (command.containsKey("description") && !(command.get("description") instanceof String)) {
            errors.add(at + ".description must be a string");
        }
        if (command.containsKey("parameters")) {
            if (!(command.get("parameters") instanceof List<?> parameters)) {
                errors.add(at + ".parameters must be an array");
            } else {
                for (int j = 0; j < parameters.size(); j++) {
                    validateParameter(parameters.get(j), at + ".parameters[" + j + "]", errors);
                }
            }
        }
    }

    private static void validateParameter(Object value, String at, List<String> errors) {
        if (!(value instanceof Map<?, ?>)) {
            errors.add(at + " must be an object");
            return;
        }
        Map<String, Object> parameter = Json.asObject(value);
        if (!parameter.containsKey("name")) {
            errors.add(at + ".name is required");
        } else if (!nonEmptyString(parameter.get("name"))) {
            errors.add(at + ".name must be a non-empty string");
        }
        if (parameter.containsKey("type") && !(parameter.get("type") instanceof String type && TYPES.contains(type))) {
            errors.add(at + ".type " + repr(parameter.get("type")) + " is not one of " + TYPE_LIST);
        }
        if (parameter.containsKey("required") && !(parameter.get("required") instanceof Boolean)) {
            errors.add(at + ".required must be a boolean");
        }
        if (parameter.containsKey("description") && !(parameter.get("description") instanceof String)) {
            errors.add(at + ".description must be a string");
        }
    }

    private static boolean nonEmptyString(Object value) {
        return value instanceof String s && !s.isBlank();
    }

    /** Python-style repr of a decoded JSON value, as upstream's messages print it. */
    static String repr(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return Json.compact(value);
    }
}
