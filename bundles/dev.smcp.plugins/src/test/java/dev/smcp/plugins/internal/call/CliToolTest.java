package dev.smcp.plugins.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smcp.api.Cancellation;
import dev.smcp.api.McpTool;
import dev.smcp.api.TextContent;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolResult;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.ProbeResult;
import dev.smcp.plugins.internal.probe.PluginProbe;
import dev.smcp.plugins.internal.probe.ProbeSettings;
import dev.smcp.plugins.internal.testsupport.FakeExecutor;
import dev.smcp.plugins.internal.testsupport.RealProcessExecutor;

/** End to end: a real python3 plugin, probed and called through a real-process executor. */
class CliToolTest {

    private static final String ECHO_PLUGIN = """
            import json, os, sys
            DESCRIBE = {"contract_version": "1.0", "commands": [
              {"name": "echoargv", "description": "Echo argv", "parameters": [
                {"name": "name", "type": "string"}, {"name": "count", "type": "integer"},
                {"name": "ratio", "type": "number"}, {"name": "flag", "type": "boolean"},
                {"name": "sflag", "type": "boolean", "action": "store_true"},
                {"name": "tags", "type": "array"}, {"name": "cfg", "type": "object"},
                {"name": "recipients", "type": "array", "items": {"type": "object"}},
                {"name": "dry_run", "type": "boolean"}, {"name": "some-thing", "type": "string"}]},
              {"name": "env", "parameters": []},
              {"name": "fail", "parameters": [{"name": "how", "type": "string", "required": True}]},
              {"name": "sleep", "parameters": []}, {"name": "report", "parameters": []}]}
            cmd = sys.argv[1]
            if cmd == "--describe":
                print(json.dumps(DESCRIBE))
            elif cmd == "echoargv":
                print(json.dumps({"argv": sys.argv[2:]}, ensure_ascii=False))
            elif cmd == "env":
                print(json.dumps({"cwd": os.getcwd(), "unbuffered": os.environ.get("PYTHONUNBUFFERED"),
                                  "encoding": os.environ.get("PYTHONIOENCODING")}))
            elif cmd == "fail":
                how = sys.argv[2].split("=", 1)[1]
                if how == "json":
                    print(json.dumps({"ok": False, "error": "boom-json"})); sys.exit(1)
                if how == "stderr":
                    sys.stderr.write("Traceback: something broke\\n"); sys.exit(4)
                sys.exit(3)
            elif cmd == "sleep":
                import time; time.sleep(30)
            elif cmd == "report":
                sys.stderr.write('{"progress": 1, "total": 2, "message": "half"}\\n')
                sys.stderr.write("plain words\\n")
                sys.stderr.write('{"progress": 2, "total": 2}\\n')
                print(json.dumps({"done": True}))
            """;

    @TempDir
    static Path root;
    static PluginDescriptor plugin;
    static final RealProcessExecutor EXECUTOR = new RealProcessExecutor();

    @BeforeAll
    static void probe() throws IOException {
        Path dir = Files.createDirectories(root.resolve("errs"));
        Files.writeString(dir.resolve("cli.py"), ECHO_PLUGIN);
        ProbeResult result = new PluginProbe(EXECUTOR, ProbeSettings.defaults()).probe(dir);
        assertNotNull(result.descriptor(), result.error());
        plugin = result.descriptor();
    }

    private static CommandDescriptor command(String name) {
        return plugin.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static ToolResult call(String command, Map<String, Object> args, CallSettings settings) {
        return new CliTool(plugin, command(command), EXECUTOR, settings).call(args, context(Cancellation.NEVER));
    }

    private static ToolCallContext context(Cancellation cancellation) {
        return new RecordingContext(cancellation);
    }

    /** Records what a tool reports through its context. */
    private static final class RecordingContext implements ToolCallContext {
        final List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Cancellation cancellation;

        RecordingContext(Cancellation cancellation) {
            this.cancellation = cancellation;
        }

        @Override
        public void progress(double progress, Double total, String message) {
            reports.add("progress " + progress + "/" + total + " " + message);
        }

        @Override
        public void log(dev.smcp.api.LogLevel level, Object data) {
            reports.add(level.wireName() + " " + data);
        }

        @Override
        public String toolName() {
            return "errs__x";
        }

        @Override
        public String sessionId() {
            return "s1";
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }
    }

    @Test
    void outputIsCheckedAgainstTheOutputSchema() {
        CommandDescriptor echo = command("echoargv");
        CommandDescriptor matching = new CommandDescriptor(echo.name(), echo.description(), echo.parameters(),
                echo.inputSchema(), "Echo", Map.of("readOnlyHint", true),
                Map.of("type", "object", "properties", Map.of("argv", Map.of("type", "array")), "required",
                        List.of("argv")));
        CliTool ok = new CliTool(plugin, matching, EXECUTOR, CallSettings.defaults());
        assertFalse(ok.call(Map.of(), context(Cancellation.NEVER)).isError());
        assertEquals("Echo", ok.serviceProperties().get(dev.smcp.api.McpTool.TITLE));
        assertEquals("{\"readOnlyHint\":true}", ok.serviceProperties().get(dev.smcp.api.McpTool.ANNOTATIONS));

        CommandDescriptor wrong = new CommandDescriptor(echo.name(), echo.description(), echo.parameters(),
                echo.inputSchema(), null, null, Map.of("type", "object", "properties",
                        Map.of("argv", Map.of("type", "integer"))));
        ToolResult result = new CliTool(plugin, wrong, EXECUTOR, CallSettings.defaults()).call(Map.of(),
                context(Cancellation.NEVER));
        assertEquals("plugin_error", result.errorCode());
        assertTrue(text(result).startsWith("The plugin's output does not match its output schema"), text(result));
    }

    @Test
    void progressLinesOnStderrAreReportedAndOtherLinesLogged() {
        RecordingContext context = new RecordingContext(Cancellation.NEVER);
        ToolResult result = new CliTool(plugin, command("report"), EXECUTOR, CallSettings.defaults()).call(Map.of(),
                context);
        assertFalse(result.isError(), text(result));
        assertEquals(List.of("progress 1.0/2.0 half", "debug plain words", "progress 2.0/2.0 null"), context.reports);
    }

    private static String text(ToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void echoArgvRendersEveryRule() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.charset.StandardCharsets.UTF_8.equals(CliTool.ARGV_CHARSET), "needs a UTF-8 locale");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "-a b");
        args.put("count", new BigInteger("10000000000000000000000"));
        args.put("ratio", 2.0);
        args.put("flag", false);
        args.put("sflag", true);
        args.put("tags", List.of("x", "y"));
        args.put("cfg", Map.of("k", "é"));
        args.put("recipients", Map.of("item", List.of(Map.of("display_name", "Ä"))));
        args.put("dry-run", true);
        args.put("some_thing", "v");
        args.put("unused", null);
        ToolResult result = call("echoargv", args, CallSettings.defaults());
        assertFalse(result.isError(), text(result));
        assertEquals(List.of("--name=-a b", "--count=10000000000000000000000", "--ratio=2.0", "--flag=false",
                "--sflag", "--tags=x", "--tags=y", "--cfg={\"k\":\"é\"}", "--recipients=[{\"display_name\":\"Ä\"}]",
                "--dry-run=true", "--some-thing=v"), result.structuredContent().get("argv"));
    }

    @Test
    void invalidArgumentsNeverReachThePlugin() {
        FakeExecutor never = new FakeExecutor(r -> {
            throw new AssertionError("executed");
        });
        ToolResult result = new CliTool(plugin, command("echoargv"), never, CallSettings.defaults())
                .call(Map.of("count", "3"), context(Cancellation.NEVER));
        assertEquals("invalid_arguments", result.errorCode());
        assertEquals("count: expected integer, got string \"3\"", text(result));
    }

    @Test
    void runsInThePluginDirectoryWithPythonEnvironment() throws IOException {
        ToolResult result = call("env", Map.of(), CallSettings.defaults());
        assertEquals(plugin.directory().toRealPath().toString(), result.structuredContent().get("cwd"));
        assertEquals("1", result.structuredContent().get("unbuffered"));
        assertEquals("utf-8", result.structuredContent().get("encoding"));
    }

    @Test
    void failures() {
        assertEquals("boom-json", text(call("fail", Map.of("how", "json"), CallSettings.defaults())));
        assertEquals("Plugin exited with code 4: Traceback: something broke",
                text(call("fail", Map.of("how", "stderr"), CallSettings.defaults())));
        ToolResult silent = call("fail", Map.of("how", "silent"), CallSettings.defaults());
        assertEquals("plugin_error", silent.errorCode());
        assertEquals("Plugin exited with code 3 (no output)", text(silent));
        assertEquals("how: is required",
                text(call("fail", Map.of(), CallSettings.defaults())));
    }

    @Test
    void timeout() {
        CallSettings settings = new CallSettings(Duration.ofMillis(500), 0, 0, CallSettings.DEFAULT_ENVIRONMENT);
        ToolResult result = call("sleep", Map.of(), settings);
        assertEquals("timeout", result.errorCode());
        assertEquals("Plugin command timed out after 0.5 seconds", text(result));
    }

    @Test
    void cancellation() {
        Cancellation cancelled = new Cancellation() {
            @Override
            public boolean isCancelled() {
                return true;
            }

            @Override
            public Registration onCancel(Runnable action) {
                action.run();
                return () -> {
                };
            }
        };
        ToolResult result = new CliTool(plugin, command("sleep"), EXECUTOR, CallSettings.defaults())
                .call(Map.of(), context(cancelled));
        assertEquals("cancelled", result.errorCode());
    }

    @Test
    void nonAsciiArgumentsAreRefusedRatherThanMangledUnderAnAsciiLocale() {
        assertEquals("--cfg", CliTool.unencodable(List.of("python3", "x", "--a=b", "--cfg={\"k\":\"é\"}"),
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(null, CliTool.unencodable(List.of("--cfg=é"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, CliTool.unencodable(List.of("--a=b"), java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void shippedDemoMathThroughTheWholePipeline() throws IOException {
        Path dir = Files.createDirectories(root.resolve("demo_math"));
        Files.copy(Path.of("../../plugins/demo_math/cli.py"), dir.resolve("cli.py"));
        PluginDescriptor math = new PluginProbe(EXECUTOR, ProbeSettings.defaults()).probe(dir).descriptor();
        CommandDescriptor calculate = math.commands().get(0);
        CliTool tool = new CliTool(math, calculate, EXECUTOR, CallSettings.defaults());
        ToolResult sum = tool.call(Map.of("operation", "add", "a", 2L, "b", 3L), context(Cancellation.NEVER));
        assertFalse(sum.isError(), text(sum));
        assertEquals("{\n  \"ok\": true,\n  \"operation\": \"add\",\n  \"a\": 2.0,\n  \"b\": 3.0,\n  \"result\": 5.0\n}",
                text(sum));
        assertEquals(5.0, sum.structuredContent().get("result"));
        ToolResult divide = tool.call(Map.of("operation", "divide", "a", 1L, "b", 0.0), context(Cancellation.NEVER));
        assertEquals("plugin_error", divide.errorCode());
        assertEquals("division_by_zero", text(divide));
        assertEquals("b: is required", text(tool.call(Map.of("operation", "add", "a", 1L), context(Cancellation.NEVER))));
    }

    @Test
    void helpScrapedArgparseCommandTakesArguments() throws IOException {
        Path dir = Files.createDirectories(root.resolve("legacy"));
        Files.writeString(dir.resolve("cli.py"), """
                import argparse, json
                p = argparse.ArgumentParser()
                sub = p.add_subparsers(dest="command")
                s = sub.add_parser("send", help="Send a message")
                s.add_argument("--message", required=True)
                s.add_argument("--dry_run", action="store_true")
                s.add_argument("--tags", nargs="+")
                s.add_argument("--mode", choices=["fast", "slow"])
                s.add_argument("--count", type=int)
                print(json.dumps(vars(p.parse_args())))
                """);
        PluginDescriptor legacy = new PluginProbe(EXECUTOR, ProbeSettings.defaults()).probe(dir).descriptor();
        CliTool send = new CliTool(legacy, legacy.commands().get(0), EXECUTOR, CallSettings.defaults());
        ToolResult result = send.call(Map.of("message", "-hi", "dry-run", true, "tags", List.of("a", "b"), "mode",
                "slow", "count", 3L), context(Cancellation.NEVER));
        assertFalse(result.isError(), text(result));
        assertEquals(Map.of("command", "send", "message", "-hi", "dry_run", true, "tags", List.of("a", "b"), "mode",
                "slow", "count", 3L), result.structuredContent());
        assertEquals("mode: must be one of [\"fast\",\"slow\"], got \"medium\"",
                text(send.call(Map.of("message", "x", "mode", "medium"), context(Cancellation.NEVER))));
        // undeclared options reach argparse, whose complaint is the error message
        ToolResult unknown = send.call(Map.of("message", "x", "extra", 1L), context(Cancellation.NEVER));
        assertEquals("plugin_error", unknown.errorCode());
        assertTrue(text(unknown).startsWith("Plugin exited with code 2: usage:"), text(unknown));
        assertTrue(text(unknown).contains("unrecognized arguments: --extra=1"), text(unknown));
    }

    @Test
    void serviceProperties() {
        CliTool tool = new CliTool(plugin, command("echoargv"), EXECUTOR, null);
        Map<String, Object> properties = tool.serviceProperties();
        assertEquals("errs__echoargv", properties.get(McpTool.NAME));
        assertEquals("Echo argv", properties.get(McpTool.DESCRIPTION));
        assertEquals("errs", properties.get(McpTool.PLUGIN));
        assertEquals(command("echoargv").inputSchema(), Json.parseOrNull((String) properties.get(McpTool.INPUT_SCHEMA)));
        assertTrue(((String) properties.get(McpTool.INPUT_SCHEMA)).contains("\"additionalProperties\":false"));
    }
}
