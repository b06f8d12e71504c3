package dev.smcp.plugins.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.ParameterDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptor;

/** Small descriptors for tests. */
final class TestDescriptors {

    private TestDescriptors() {
    }

    static CommandDescriptor command(String name) {
        Map<String, Object> schema = Map.of("type", "object", "properties",
                Map.of("a", Map.of("type", "number")), "required", List.of("a"));
        return new CommandDescriptor(name, "Does " + name,
                List.of(new ParameterDescriptor("a", "number", "first", true, null, Map.of())), schema);
    }

    static PluginDescriptor plugin(String name, Path directory, String... commands) {
        return new PluginDescriptor(name, directory, List.of("python3", directory.resolve("cli.py").toString()),
                PluginDescriptor.SOURCE_DESCRIBE, List.of(commands).stream().map(TestDescriptors::command).toList(),
                List.of());
    }
}
