package dev.smcp.api;

import java.util.Objects;

/**
 * A text content block.
 *
 * @param text the text, never {@code null}
 */
public record TextContent(String text) implements Content {

    /** The MCP type of text content. */
    public static final String TYPE = "text";

    public TextContent {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
