package dev.smcp.plugins.internal.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What probing a plugin directory found: how to run the plugin and which commands it has.
 *
 * @param name the plugin name (the directory name)
 * @param directory the plugin directory, absolute; the working directory of every call
 * @param launcher the argument vector prefix that runs the CLI, e.g. {@code [python3, /abs/dir/cli.py]}
 * @param source {@link #SOURCE_DESCRIBE} or {@link #SOURCE_HELP}
 * @param commands the commands, in the order the plugin lists them
 * @param warnings problems that did not prevent the plugin from loading (e.g. a skipped command)
 */
public record PluginDescriptor(String name, Path directory, List<String> launcher, String source,
        List<CommandDescriptor> commands, List<String> warnings) {

    /** Commands came from {@code --describe}. */
    public static final String SOURCE_DESCRIBE = "describe";
    /** Commands came from scraping {@code --help}. */
    public static final String SOURCE_HELP = "help";
    /** Separator between plugin and command in tool names. */
    public static final String TOOL_SEPARATOR = "__";

    public PluginDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        launcher = List.copyOf(launcher);
        Objects.requireNonNull(source, "source");
        commands = List.copyOf(commands);
        warnings = List.copyOf(warnings);
    }

    /** @return the tool name of a command of this plugin */
    public String toolName(CommandDescriptor command) {
        return name + TOOL_SEPARATOR + command.name();
    }
}
