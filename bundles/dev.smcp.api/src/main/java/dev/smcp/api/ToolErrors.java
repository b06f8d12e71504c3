package dev.smcp.api;

/**
 * The error codes of the SMCP result contract ({@code structuredContent.error.code}).
 */
public final class ToolErrors {

    /** The arguments do not match the tool's input schema. */
    public static final String INVALID_ARGUMENTS = "invalid_arguments";
    /** No tool by that name. */
    public static final String TOOL_NOT_FOUND = "tool_not_found";
    /** The tool name cannot be split into plugin and command. */
    public static final String INVALID_TOOL_NAME = "invalid_tool_name";
    /** The plugin behind the tool is gone. */
    public static final String PLUGIN_NOT_FOUND = "plugin_not_found";
    /** The plugin ran and reported a failure. */
    public static final String PLUGIN_ERROR = "plugin_error";
    /** The plugin did not finish within the timeout. */
    public static final String TIMEOUT = "timeout";
    /** The plugin wrote more output than the server accepts. */
    public static final String OUTPUT_TOO_LARGE = "output_too_large";
    /** The call was cancelled. */
    public static final String CANCELLED = "cancelled";
    /** Too many calls are running or queued. */
    public static final String BUSY = "busy";
    /** The server failed. */
    public static final String INTERNAL_ERROR = "internal_error";

    private ToolErrors() {
    }
}
