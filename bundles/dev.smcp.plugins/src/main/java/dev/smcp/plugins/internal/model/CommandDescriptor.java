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
 * @param title the tool's display name ({@code title} in {@code --describe}), or {@code null}
 * @param annotations the MCP tool annotations ({@code annotations}), or {@code null}
 * @param outputSchema the schema of the command's JSON output ({@code output_schema} or {@code outputSchema}), or
 *            {@code null}
 */
public record CommandDescriptor(String name, String description, List<ParameterDescriptor> parameters,
        Map<String, Object> inputSchema, String title, Map<String, Object> annotations,
        Map<String, Object> outputSchema) {

    public CommandDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(inputSchema, "inputSchema");
    }

    /** A command without title, annotations or output schema. */
    public CommandDescriptor(String name, String description, List<ParameterDescriptor> parameters,
            Map<String, Object> inputSchema) {
        this(name, description, parameters, inputSchema, null, null, null);
    }
}
