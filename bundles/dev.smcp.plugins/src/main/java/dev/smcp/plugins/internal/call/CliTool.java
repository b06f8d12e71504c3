package dev.smcp.plugins.internal.call;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.Cancellation;
import dev.smcp.api.McpTool;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolErrors;
import dev.smcp.api.ToolResult;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.PluginDescriptor;

/**
 * The tool of one plugin command: each call coerces and validates the arguments, renders them onto the CLI's
 * argv, runs it in the plugin directory and maps the outcome onto the result contract. Thread-safe and
 * stateless between calls.
 */
public final class CliTool implements McpTool {

    private static final Logger LOG = LoggerFactory.getLogger(CliTool.class);

    /**
     * How the JVM encodes a child's command line ({@code sun.jnu.encoding}, from the locale); a UTF-8 locale is
     * needed for non-ASCII arguments, anything else would silently turn them into {@code ?}.
     */
    static final Charset ARGV_CHARSET = argvCharset();

    private final PluginDescriptor plugin;
    private final CommandDescriptor command;
    private final ProcessExecutor executor;
    private final CallSettings settings;
    private final String toolName;

    /**
     * @param plugin the plugin
     * @param command one of its commands
     * @param executor runs the CLI
     * @param settings timeout, output caps and environment of calls
     */
    public CliTool(PluginDescriptor plugin, CommandDescriptor command, ProcessExecutor executor,
            CallSettings settings) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.command = Objects.requireNonNull(command, "command");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = settings == null ? CallSettings.defaults() : settings;
        this.toolName = plugin.toolName(command);
    }

    /** @return the tool name, {@code <plugin>__<command>} */
    public String toolName() {
        return toolName;
    }

    /** @return the plugin */
    public PluginDescriptor plugin() {
        return plugin;
    }

    /** @return the command */
    public CommandDescriptor command() {
        return command;
    }

    /**
     * @return the {@code mcp.tool.*} service properties of this tool (name, description, input schema JSON,
     *         plugin)
     */
    public Map<String, Object> serviceProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(McpTool.NAME, toolName);
        properties.put(McpTool.DESCRIPTION, command.description());
        properties.put(McpTool.INPUT_SCHEMA, Json.compact(command.inputSchema()));
        properties.put(McpTool.PLUGIN, plugin.name());
        if (command.title() != null) {
            properties.put(McpTool.TITLE, command.title());
        }
        if (command.annotations() != null) {
            properties.put(McpTool.ANNOTATIONS, Json.compact(command.annotations()));
        }
        if (command.outputSchema() != null) {
            properties.put(McpTool.OUTPUT_SCHEMA, Json.compact(command.outputSchema()));
        }
        return properties;
    }

    @Override
    public ToolResult call(Map<String, Object> arguments, ToolCallContext context) {
        Map<String, Object> coerced = ArgumentCoercer.coerce(arguments == null ? Map.of() : arguments,
                command.parameters());
        List<String> errors = ArgumentValidator.validate(coerced, command.inputSchema());
        if (errors.isEmpty()) {
            errors = ArgvRenderer.problems(command, coerced);
        }
        if (!errors.isEmpty()) {
            LOG.debug("{}: invalid arguments: {}", toolName, errors);
            return ToolResult.error(ToolErrors.INVALID_ARGUMENTS, String.join("; ", errors));
        }
        List<String> argv = ArgvRenderer.render(plugin.launcher(), command, coerced);
        String unencodable = unencodable(argv, ARGV_CHARSET);
        if (unencodable != null) {
            LOG.warn("{}: argument not passed: the JVM encodes command lines as {}; run the server with a UTF-8"
                    + " locale (e.g. LANG=C.UTF-8)", toolName, ARGV_CHARSET);
            return ToolResult.error(ToolErrors.INTERNAL_ERROR, "The server cannot pass the non-ASCII characters of "
                    + unencodable + " to the plugin: its command-line encoding is " + ARGV_CHARSET
                    + " (run the server with a UTF-8 locale, e.g. LANG=C.UTF-8)");
        }
        ExecRequest request = new ExecRequest(argv, plugin.directory(), settings.environment(), settings.timeout(),
                settings.maxStdoutBytes(), settings.maxStderrBytes());
        Cancellation cancellation = context == null || context.cancellation() == null ? Cancellation.NEVER
                : context.cancellation();
        ExecResult result;
        try {
            result = context == null ? executor.execute(request, cancellation)
                    : executor.execute(request, cancellation, new StderrReports(context));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error(ToolErrors.CANCELLED, "Call cancelled");
        }
        LOG.debug("{}: {} (exit {}) in {} ms", toolName, result.outcome(), result.exitCode(),
                result.elapsed().toMillis());
        return checkOutput(ResultMapper.map(result, settings.timeout(), settings.maxStdoutBytes()));
    }

    /** A command with an output schema must print a JSON object that conforms to it (MCP requires it). */
    private ToolResult checkOutput(ToolResult result) {
        if (command.outputSchema() == null || result.isError()) {
            return result;
        }
        List<String> problems = result.structuredContent() == null
                ? List.of("the output is not a JSON object")
                : ArgumentValidator.validate(result.structuredContent(), command.outputSchema());
        if (problems.isEmpty()) {
            return result;
        }
        LOG.warn("{}: output does not match its output_schema: {}", toolName, problems);
        return ToolResult.error(ToolErrors.PLUGIN_ERROR, "The plugin's output does not match its output schema: "
                + String.join("; ", problems));
    }

    /**
     * @return the option name of the first argv element the charset cannot encode (e.g. {@code --cfg}), or
     *         {@code null} when all can be encoded
     */
    static String unencodable(List<String> argv, Charset charset) {
        if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            return null;
        }
        CharsetEncoder encoder = charset.newEncoder();
        for (String element : argv) {
            if (!encoder.canEncode(element)) {
                int equals = element.indexOf('=');
                return element.startsWith("--") ? element.substring(0, equals < 0 ? element.length() : equals)
                        : "an argument";
            }
        }
        return null;
    }

    private static Charset argvCharset() {
        try {
            String name = System.getProperty("sun.jnu.encoding");
            return name == null ? null : Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CliTool[" + toolName + "]";
    }
}
