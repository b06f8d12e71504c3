package dev.smcp.plugins.internal.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a {@link PluginDescriptor} as JSON (stored inside the generated plugin bundle).
 * <p>
 * Format 1:
 *
 * <pre>
 * {"format": 1, "name": "...", "directory": "/abs/dir", "launcher": ["python3", "/abs/dir/cli.py"],
 *  "source": "describe", "warnings": ["..."],
 *  "commands": [{"name": "...", "description": "...", "inputSchema": {...},
 *                "parameters": [{"name": "...", "type": "...", "description": "...", "required": true,
 *                                "default": ..., "spec": {...}}]}]}
 * </pre>
 *
 * {@code description} and {@code default} of a parameter are omitted when {@code null}. Reading ignores unknown
 * members, so later writers may add some.
 */
public final class PluginDescriptorJson {

    /** The format version written. */
    public static final int FORMAT = 1;

    private PluginDescriptorJson() {
    }

    /**
     * @param d a descriptor
     * @return its JSON, UTF-8
     */
    public static byte[] write(PluginDescriptor d) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("name", d.name());
        root.put("directory", d.directory().toAbsolutePath().toString());
        root.put("launcher", d.launcher());
        root.put("source", d.source());
        root.put("warnings", d.warnings());
        List<Object> commands = new ArrayList<>();
        for (CommandDescriptor c : d.commands()) {
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("name", c.name());
            command.put("description", c.description());
            List<Object> parameters = new ArrayList<>();
            for (ParameterDescriptor p : c.parameters()) {
                Map<String, Object> parameter = new LinkedHashMap<>();
                parameter.put("name", p.name());
                parameter.put("type", p.type());
                if (p.description() != null) {
                    parameter.put("description", p.description());
                }
                parameter.put("required", p.required());
                if (p.defaultValue() != null) {
                    parameter.put("default", p.defaultValue());
                }
                parameter.put("spec", p.spec());
                parameters.add(parameter);
            }
            command.put("parameters", parameters);
            command.put("inputSchema", c.inputSchema());
            putIfPresent(command, "title", c.title());
            putIfPresent(command, "annotations", c.annotations());
            putIfPresent(command, "outputSchema", c.outputSchema());
            commands.add(command);
        }
        root.put("commands", commands);
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("descriptor of plugin " + d.name() + " is not serialisable", e);
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /**
     * @param json the JSON made by {@link #write(PluginDescriptor)}
     * @return the descriptor
     * @throws IOException if the bytes are not such JSON
     */
    public static PluginDescriptor read(byte[] json) throws IOException {
        Object parsed = Json.parse(json);
        try {
            Map<String, Object> root = object(parsed, "descriptor");
            Object format = root.get("format");
            if (format != null && !(format instanceof Number n && n.intValue() == FORMAT)) {
                throw new IOException("unsupported plugin descriptor format " + format);
            }
            List<CommandDescriptor> commands = new ArrayList<>();
            for (Object c : list(root.get("commands"), "commands")) {
                Map<String, Object> command = object(c, "command");
                List<ParameterDescriptor> parameters = new ArrayList<>();
                for (Object p : list(command.get("parameters"), "parameters")) {
                    Map<String, Object> parameter = object(p, "parameter");
                    parameters.add(new ParameterDescriptor(string(parameter.get("name"), "parameter name"),
                            string(parameter.get("type"), "parameter type"),
                            optionalString(parameter.get("description"), "parameter description"),
                            Boolean.TRUE.equals(parameter.get("required")), parameter.get("default"),
                            parameter.get("spec") == null ? Map.of() : object(parameter.get("spec"), "spec")));
                }
                commands.add(new CommandDescriptor(string(command.get("name"), "command name"),
                        string(command.get("description"), "command description"), parameters,
                        object(command.get("inputSchema"), "inputSchema"),
                        optionalString(command.get("title"), "command title"),
                        command.get("annotations") == null ? null : object(command.get("annotations"), "annotations"),
                        command.get("outputSchema") == null ? null
                                : object(command.get("outputSchema"), "outputSchema")));
            }
            List<String> launcher = new ArrayList<>();
            for (Object element : list(root.get("launcher"), "launcher")) {
                launcher.add(string(element, "launcher element"));
            }
            List<String> warnings = new ArrayList<>();
            for (Object warning : root.get("warnings") == null ? List.of() : list(root.get("warnings"), "warnings")) {
                warnings.add(string(warning, "warning"));
            }
            return new PluginDescriptor(string(root.get("name"), "name"),
                    Path.of(string(root.get("directory"), "directory")), launcher,
                    string(root.get("source"), "source"), commands, warnings);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("invalid plugin descriptor: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> object(Object value, String what) throws IOException {
        if (!(value instanceof Map<?, ?>)) {
            throw new IOException("invalid plugin descriptor: " + what + " must be an object");
        }
        return Json.asObject(value);
    }

    private static List<?> list(Object value, String what) throws IOException {
        if (!(value instanceof List<?> l)) {
            throw new IOException("invalid plugin descriptor: " + what + " must be an array");
        }
        return l;
    }

    private static String string(Object value, String what) throws IOException {
        if (!(value instanceof String s)) {
            throw new IOException("invalid plugin descriptor: " + what + " must be a string");
        }
        return s;
    }

    private static String optionalString(Object value, String what) throws IOException {
        return value == null ? null : string(value, what);
    }
}
