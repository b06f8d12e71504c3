package dev.smcp.plugins.internal.call;

import static dev.smcp.plugins.internal.testsupport.FakeExecutor.exited;
import static dev.smcp.plugins.internal.testsupport.FakeExecutor.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.api.TextContent;
import dev.smcp.api.ToolResult;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ExecResult.Outcome;

class ResultMapperTest {

    private static ToolResult map(ExecResult result) {
        return ResultMapper.map(result, Duration.ofSeconds(2), 1024);
    }

    private static String text(ToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static void assertError(String code, String message, ToolResult result) {
        assertTrue(result.isError());
        assertEquals(code, result.errorCode());
        assertEquals(message, text(result));
        assertEquals(Map.of("error", Map.of("code", code, "message", message)), result.structuredContent());
    }

    @Test
    void successPlainText() {
        ToolResult result = map(exited(0, "  hello\n", "noise"));
        assertFalse(result.isError());
        assertEquals("hello", text(result));
        assertNull(result.structuredContent());
        assertEquals("", text(map(exited(0, "", ""))));
    }

    @Test
    void successJsonObjectIsAlsoStructured() {
        ToolResult result = map(exited(0, "{\n  \"ok\": true,\n  \"result\": 5.0\n}\n", ""));
        assertFalse(result.isError());
        assertEquals("{\n  \"ok\": true,\n  \"result\": 5.0\n}", text(result));
        assertEquals(Map.of("ok", true, "result", 5.0), result.structuredContent());
        // an error member with exit 0 is still success, as upstream
        assertFalse(map(exited(0, "{\"error\":\"x\"}", "")).isError());
        // JSON that is not an object: text only
        assertNull(map(exited(0, "[1,2]", "")).structuredContent());
    }

    @Test
    void successNonUtf8IsReplacedNotFatal() {
        ExecResult result = new ExecResult(Outcome.EXITED, 0, new byte[] {'a', 'b', 'c', (byte) 0xff}, null, false,
                Duration.ZERO, null);
        assertEquals("abc\uFFFD", text(map(result)));
    }

    @Test
    void failureWithErrorString() {
        assertError("plugin_error", "division_by_zero", map(exited(1, "{\"ok\": false, \"error\": \"division_by_zero\"}", "")));
    }

    @Test
    void failureWithNonStringErrorUsesItsJson() {
        assertError("plugin_error", "{\"code\":42,\"why\":\"é\"}",
                map(exited(1, "{\"error\": {\"code\": 42, \"why\": \"é\"}}", "")));
        assertError("plugin_error", "7", map(exited(1, "{\"error\": 7}", "")));
        assertError("plugin_error", "{\"error\": null}", map(exited(1, "{\"error\": null}", "")));
    }

    @Test
    void failureWithJsonWithoutErrorOrRawText() {
        assertError("plugin_error", "{\"status\": \"bad\"}", map(exited(1, "{\"status\": \"bad\"}\n", "")));
        assertError("plugin_error", "[\"error\"]", map(exited(1, "[\"error\"]", "")));
        assertError("plugin_error", "raw failure text", map(exited(1, "raw failure text\n", "ignored")));
    }

    @Test
    void failureWithoutStdoutUsesStderrTail() {
        assertError("plugin_error", "Plugin exited with code 2: usage: cli.py\ncli.py: error: bad",
                map(exited(2, "  \n", "usage: cli.py\ncli.py: error: bad\n")));
        assertError("plugin_error", "Plugin exited with code 3 (no output)", map(exited(3, "", "")));
        assertError("plugin_error", "Plugin exited with code 3 (no output)", map(exited(3, " ", " \n ")));
        String longErr = "x".repeat(5000) + "END";
        String message = text(map(exited(1, "", longErr)));
        assertTrue(message.startsWith("Plugin exited with code 1: ..."));
        assertTrue(message.endsWith("END"));
        assertEquals("Plugin exited with code 1: ...".length() + ResultMapper.STDERR_TAIL_CHARS, message.length());
    }

    @Test
    void otherOutcomes() {
        assertError("timeout", "Plugin command timed out after 2.0 seconds", map(outcome(Outcome.TIMED_OUT, null)));
        assertError("timeout", "Plugin command timed out after 2.5 seconds",
                ResultMapper.map(outcome(Outcome.TIMED_OUT, null), Duration.ofMillis(2500), 1));
        assertError("output_too_large", "Plugin output exceeded the limit of 1024 bytes",
                map(outcome(Outcome.OUTPUT_TOO_LARGE, null)));
        assertError("cancelled", "Call cancelled", map(outcome(Outcome.CANCELLED, null)));
        assertError("busy", "8 running, 16 queued", map(outcome(Outcome.REJECTED, "8 running, 16 queued")));
        assertError("plugin_error", "Plugin could not be started: No such file",
                map(outcome(Outcome.FAILED_TO_START, "No such file")));
    }

    @Test
    void secondsLikePythonFloats() {
        assertEquals(List.of("2.0", "2.5", "0.25", "300.0", "0.001"),
                List.of(ResultMapper.seconds(Duration.ofSeconds(2)), ResultMapper.seconds(Duration.ofMillis(2500)),
                        ResultMapper.seconds(Duration.ofMillis(250)), ResultMapper.seconds(Duration.ofMinutes(5)),
                        ResultMapper.seconds(Duration.ofMillis(1))));
    }
}
