package dev.smcp.plugin.clock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.Cancellation;
import dev.smcp.api.LogLevel;
import dev.smcp.api.McpTool;
import dev.smcp.api.TextContent;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolErrors;
import dev.smcp.api.ToolResult;

/** Calls a tool the way the server does, and checks the result contract. */
final class Calls {

    /** "Now" in the tests: a Tuesday, with a fraction of a second that the tools must drop. */
    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-24T09:30:15.750Z"), ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Calls() {
    }

    /** @return the structured content of a successful call, checked to be the same object as the text */
    static Map<String, Object> ok(McpTool tool, Map<String, Object> arguments) throws Exception {
        ToolResult result = tool.call(arguments, new Context());
        String text = ((TextContent) result.content().get(0)).text();
        assertFalse(result.isError(), text);
        assertEquals(1, result.content().size());
        assertEquals(JSON.readValue(text, new TypeReference<Map<String, Object>>() {
        }), JSON.readValue(JSON.writeValueAsString(result.structuredContent()),
                new TypeReference<Map<String, Object>>() {
                }), "the text is the JSON of the structured content");
        return result.structuredContent();
    }

    /** @return the message of a call that failed with invalid_arguments, checked to be the text too */
    static String invalid(McpTool tool, Map<String, Object> arguments) throws Exception {
        ToolResult result = tool.call(arguments, new Context());
        assertTrue(result.isError(), () -> "expected an error, got " + result);
        assertEquals(ToolErrors.INVALID_ARGUMENTS, result.errorCode());
        String message = (String) ((Map<?, ?>) result.structuredContent().get("error")).get("message");
        assertEquals(message, ((TextContent) result.content().get(0)).text());
        return message;
    }

    private static final class Context implements ToolCallContext {
        @Override
        public String toolName() {
            return "clock__test";
        }

        @Override
        public String sessionId() {
            return "test";
        }

        @Override
        public Cancellation cancellation() {
            return Cancellation.NEVER;
        }

        @Override
        public void progress(double progress, Double total, String message) {
            throw new AssertionError("the clock tools report no progress");
        }

        @Override
        public void log(LogLevel level, Object data) {
            throw new AssertionError("the clock tools send no log messages");
        }
    }
}
