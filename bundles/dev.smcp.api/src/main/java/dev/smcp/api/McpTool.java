package dev.smcp.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An MCP tool, registered as an OSGi service.
 * <p>
 * The tool is described by its service properties, not by methods, so that the console and the service registry
 * show what a tool is without calling it:
 * <ul>
 * <li>{@link #NAME} (required, {@code String}): the tool name clients see; it must match {@link #NAME_PATTERN}.</li>
 * <li>{@link #DESCRIPTION} (optional, {@code String}).</li>
 * <li>{@link #INPUT_SCHEMA} (optional, {@code String}): the JSON text of a JSON Schema object with
 * {@code "type": "object"}; absent means a tool without arguments.</li>
 * <li>{@link #PLUGIN} (optional, {@code String}): the plugin that contributes the tool.</li>
 * <li>{@link #TITLE} (optional, {@code String}): a display name (sent to clients of protocol 2025-06-18 and
 * newer).</li>
 * <li>{@link #ANNOTATIONS} (optional, {@code String}): the JSON text of MCP tool annotations, an object such as
 * {@code {"readOnlyHint": true}} (sent to clients of protocol 2025-03-26 and newer).</li>
 * <li>{@link #OUTPUT_SCHEMA} (optional, {@code String}): the JSON text of a JSON Schema object with
 * {@code "type": "object"} that the tool's {@link ToolResult#structuredContent()} conforms to (sent to clients of
 * protocol 2025-06-18 and newer). A tool that declares it must return structured content on success.</li>
 * </ul>
 * Blank values count as absent.
 * When two services carry the same name, the one with the highest {@code service.ranking} (then the lowest
 * {@code service.id}) is offered and the others are reported as shadowed.
 * <p>
 * Implementations must be thread-safe: a tool is called concurrently from many sessions. A call should return
 * promptly once {@link ToolCallContext#cancellation()} is cancelled.
 */
@ConsumerType
public interface McpTool {

    /** Prefix shared by all tool service properties. */
    String PREFIX = "mcp.tool.";

    /** Service property: the tool name ({@code String}, required). */
    String NAME = PREFIX + "name";

    /** Service property: a human-readable description ({@code String}). */
    String DESCRIPTION = PREFIX + "description";

    /** Service property: the JSON text of the tool's input schema ({@code String}). */
    String INPUT_SCHEMA = PREFIX + "inputSchema";

    /** Service property: the name of the plugin contributing the tool ({@code String}). */
    String PLUGIN = PREFIX + "plugin";

    /** Service property: a display name ({@code String}). */
    String TITLE = PREFIX + "title";

    /** Service property: the JSON text of the tool's annotations object ({@code String}). */
    String ANNOTATIONS = PREFIX + "annotations";

    /** Service property: the JSON text of the tool's output schema ({@code String}). */
    String OUTPUT_SCHEMA = PREFIX + "outputSchema";

    /**
     * Valid tool names: the characters and length every MCP client accepts (Claude Desktop is the strictest).
     */
    String NAME_PATTERN = "^[a-zA-Z0-9_-]{1,64}$";

    /**
     * Runs the tool.
     *
     * @param arguments the call arguments as decoded JSON: {@code String}, {@code Boolean}, {@code Number}
     *            ({@code Long}, {@code java.math.BigInteger}, {@code Double} or {@code java.math.BigDecimal}),
     *            {@code List}, {@code Map} and {@code null} values; never {@code null} itself, possibly empty
     * @param context the call context; valid only until this method returns
     * @return the result; failures the model should see are results with {@link ToolResult#isError()} set, not
     *         exceptions
     * @throws Exception on an unexpected failure; the server reports it as a {@link ToolErrors#INTERNAL_ERROR}
     *             result without details of the exception's stack
     */
    ToolResult call(Map<String, Object> arguments, ToolCallContext context) throws Exception;
}
