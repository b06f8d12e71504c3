package dev.smcp.plugin.promptyoself.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.Cancellation;
import dev.smcp.api.LogLevel;
import dev.smcp.api.McpTool;
import dev.smcp.api.TextContent;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolResult;

/** An engine for tests (scheduler off, short retry delays) and calls of its tools as the server makes them. */
final class ToolCalls {

    static final RetryPolicy RETRIES = new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(60));
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToolCalls() {
    }

    /** @return an engine on the database with the scheduler off, so the test runs every pass itself */
    static PromptYoSelf engine(String database, FakeLetta letta, Clock clock) {
        return new PromptYoSelf(new Settings(letta.url(), "secret-token", Duration.ofSeconds(30), database, null,
                null, false, Duration.ofSeconds(5), RETRIES, Duration.ofSeconds(60), ZoneId.of("UTC")), clock);
    }

    static PromptYoSelf engine(Path sqliteFile, FakeLetta letta, Clock clock) {
        return engine(sqliteFile.toString(), letta, clock);
    }

    /** @return the structured content of a successful call, checked to be the text too */
    static Map<String, Object> ok(McpTool tool, Map<String, Object> arguments) throws Exception {
        ToolResult result = tool.call(arguments, new Context());
        String text = ((TextContent) result.content().get(0)).text();
        assertFalse(result.isError(), text);
        assertEquals(JSON.readValue(text, new TypeReference<Map<String, Object>>() {
        }), JSON.readValue(JSON.writeValueAsString(result.structuredContent()),
                new TypeReference<Map<String, Object>>() {
                }));
        assertEquals("success", result.structuredContent().get("status"));
        return result.structuredContent();
    }

    /** @return the message of a failed call with this code */
    static String error(McpTool tool, Map<String, Object> arguments, String code) throws Exception {
        ToolResult result = tool.call(arguments, new Context());
        assertTrue(result.isError(), () -> "expected an error, got " + result);
        assertEquals(code, result.errorCode(), result::toString);
        return ((TextContent) result.content().get(0)).text();
    }

    private static final class Context implements ToolCallContext {
        @Override
        public String toolName() {
            return "promptyoself__test";
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
        }

        @Override
        public void log(LogLevel level, Object data) {
        }
    }
}
