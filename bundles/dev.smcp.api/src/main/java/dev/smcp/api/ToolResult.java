package dev.smcp.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a tool call, as in MCP's {@code CallToolResult}.
 *
 * @param content the content blocks, never {@code null}
 * @param structuredContent a JSON object (as decoded JSON maps and lists), or {@code null}
 * @param isError whether the call failed; a failed call is still a result, so the model can read why
 */
public record ToolResult(List<Content> content, Map<String, Object> structuredContent, boolean isError) {

    public ToolResult {
        content = List.copyOf(Objects.requireNonNull(content, "content"));
        structuredContent = structuredContent == null ? null : unmodifiableCopy(structuredContent);
    }

    /**
     * @param text the text
     * @return a successful result with one text block
     */
    public static ToolResult text(String text) {
        return new ToolResult(List.of(new TextContent(text)), null, false);
    }

    /**
     * @param text the text (normally the JSON text of {@code structured})
     * @param structured the same result as a JSON object
     * @return a successful result with one text block and structured content
     */
    public static ToolResult structured(String text, Map<String, Object> structured) {
        return new ToolResult(List.of(new TextContent(text)), structured, false);
    }

    /**
     * A failure in the error contract clients rely on: the message as text, and
     * {@code {"error": {"code": code, "message": message}}} as structured content.
     *
     * @param code one of the codes in {@link ToolErrors}, or a tool-specific code
     * @param message a message for the model
     * @return a failed result
     */
    public static ToolResult error(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", Objects.requireNonNull(code, "code"));
        error.put("message", Objects.requireNonNull(message, "message"));
        return new ToolResult(List.of(new TextContent(message)), Map.of("error", error), true);
    }

    /** @return the code of a failed result made by {@link #error(String, String)}, else {@code null} */
    public String errorCode() {
        if (!isError || structuredContent == null || !(structuredContent.get("error") instanceof Map<?, ?> e)) {
            return null;
        }
        return e.get("code") instanceof String code ? code : null;
    }

    private static Map<String, Object> unmodifiableCopy(Map<String, Object> map) {
        // keeps key order and allows null values, which Map.copyOf does not
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
