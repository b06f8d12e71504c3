package dev.smcp.plugins.internal.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command of a plugin: it becomes the tool {@code <plugin>__<command>}.
 *
 * @param name the command name passed to the CLI as its first argument
 * @param description the tool description (never {@code null}; a default is filled in when the plugin gives none)
 * @param parameters the parameters in declared order
 * @param inputSchema the tool's JSON Schema as decoded JSON
 */
public record CommandDescriptor(String name, String description, List<ParameterDescriptor> parameters,
        Map<String, Object> inputSchema) {

    public CommandDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(inputSchema, "inputSchema");
    }
}
