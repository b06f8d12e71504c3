package dev.smcp.plugins.internal.probe;

import static dev.smcp.plugins.internal.testsupport.FakeExecutor.exited;
import static dev.smcp.plugins.internal.testsupport.FakeExecutor.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.smcp.api.exec.ExecResult.Outcome;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.ProbeResult;
import dev.smcp.plugins.internal.testsupport.FakeExecutor;
import dev.smcp.plugins.internal.testsupport.RealProcessExecutor;

class PluginProbeTest {

    @TempDir
    Path root;

    private final PluginProbe probe = new PluginProbe(new RealProcessExecutor(), ProbeSettings.defaults());

    private Path plugin(String name, String cli) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("cli.py"), cli);
        return dir;
    }

    private static PluginDescriptor ok(ProbeResult result) {
        assertNotNull(result.descriptor(), result.error());
        return result.descriptor();
    }

    private static CommandDescriptor command(PluginDescriptor d, String name) {
        return d.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shippedDemoPluginsMatchUpstreamShapes() throws IOException {
        for (String name : List.of("demo_math", "demo_text")) {
            Path source = Path.of("../../plugins", name, "cli.py");
            plugin(name, Files.readString(source));
        }
        PluginDescriptor math = ok(probe.probe(root.resolve("demo_math")));
        assertEquals(PluginDescriptor.SOURCE_DESCRIBE, math.source());
        assertEquals(List.of("python3", root.resolve("demo_math/cli.py").toAbsolutePath().toString()), math.launcher());
        assertEquals(List.of("calculate", "format_bytes", "coin_flip"),
                math.commands().stream().map(CommandDescriptor::name).toList());
        assertEquals(Json.parseOrNull("""
                {"type":"object","properties":{"operation":{"type":"string","description":"One of: add, subtract, multiply, divide"},
                 "a":{"type":"number","description":"First operand"},"b":{"type":"number","description":"Second operand"}},
                 "required":["operation","a","b"],"additionalProperties":false}"""),
                command(math, "calculate").inputSchema());
        assertEquals(List.of(), math.warnings());
        PluginDescriptor text = ok(probe.probe(root.resolve("demo_text")));
        assertEquals(Map.of("type", "string", "description", "Optional label before the message", "default", ""),
                ((Map<?, ?>) command(text, "echo").inputSchema().get("properties")).get("prefix"));
    }

    @Test
    void contractViolationFailsThePluginWithoutFallback() throws IOException {
        Path dir = plugin("badcontract", """
                import json, sys
                if sys.argv[1:] == ["--describe"]:
                    print(json.dumps({"contract_version": "1.0", "commands": [{"name": "bad name!"},
                          {"name": "ok", "parameters": [{"name": "x", "type": "str"}]}]}))
                else:
                    print("Available commands:\\n  fallback  never used")
                """);
        ProbeResult result = probe.probe(dir);
        assertNull(result.descriptor());
        assertEquals("Plugin badcontract violates the --describe contract v1.0 and was skipped: commands[0].name 'bad name!' must match"
                + " ^[a-zA-Z0-9_-]+$ (it becomes part of the tool name); commands[1].parameters[0].type 'str' is not"
                + " one of array|boolean|integer|number|object|string", result.error());
    }

    @Test
    void declaredContractVersionWithoutCommandsIsReportedNotIgnored() throws IOException {
        Path dir = plugin("halfdone", """
                import json
                print(json.dumps({"contract_version": "1.0", "plugin": {"name": "halfdone"}}))
                """);
        assertEquals("Plugin halfdone violates the --describe contract v1.0 and was skipped: missing required 'commands' array",
                probe.probe(dir).error());
    }

    @Test
    void jsonWithoutCommandsFallsBackToHelpAsUpstream() throws IOException {
        Path dir = plugin("listy", """
                import json, sys
                if sys.argv[1:] == ["--describe"]:
                    print(json.dumps([{"name": "x"}]))
                else:
                    print("usage: cli.py\\n\\nAvailable commands:\\n  hello   Say hello\\n")
                """);
        PluginDescriptor d = ok(probe.probe(dir));
        assertEquals(PluginDescriptor.SOURCE_HELP, d.source());
        CommandDescriptor hello = d.commands().get(0);
        assertEquals("hello", hello.name());
        assertEquals("Say hello", hello.description());
        // not an argparse sub-command: its help is not run, any argument is accepted
        assertEquals(Map.of("type", "object", "properties", Map.of(), "required", List.of()), hello.inputSchema());
    }

    @Test
    void plainArgparsePluginIsScrapedWithParameters() throws IOException {
        Path dir = plugin("legacy", """
                import argparse, json
                p = argparse.ArgumentParser(prog="cli.py", description="plain argparse plugin")
                sub = p.add_subparsers(dest="command")
                s = sub.add_parser("send", help="Send a message", description="Send a message to someone.")
                s.add_argument("--message", "-m", required=True, help="text to send")
                s.add_argument("--count", type=int, default=1, help="how many (default: %(default)s)")
                s.add_argument("--mode", choices=["fast", "slow"], default="fast", help="speed")
                s.add_argument("--dry-run", action="store_true", help="do not send")
                s.add_argument("--tags", nargs="+", help="tags")
                co = sub.add_parser("checkout", aliases=["co"], help="Check out")
                co.add_argument("target")
                ls = sub.add_parser("list", help="List things")
                ls.add_argument("pattern", nargs="?")
                sub.add_parser("status")
                args = p.parse_args()
                print(json.dumps(vars(args)))
                """);
        PluginDescriptor d = ok(probe.probe(dir));
        assertEquals(PluginDescriptor.SOURCE_HELP, d.source());
        assertEquals(List.of("send", "list", "status"), d.commands().stream().map(CommandDescriptor::name).toList());
        CommandDescriptor send = command(d, "send");
        assertEquals("Send a message to someone.", send.description());
        assertEquals(Json.parseOrNull("""
                {"type":"object","properties":{"message":{"type":"string","description":"text to send"},
                 "count":{"type":"string","description":"how many","default":"1"},
                 "mode":{"type":"string","description":"speed","enum":["fast","slow"]},
                 "dry-run":{"type":"boolean","description":"do not send"},
                 "tags":{"type":"array","description":"tags","items":{}}},
                 "required":["message"]}"""), send.inputSchema());
        assertEquals("help", send.parameters().get(0).spec().get("source"));
        assertEquals("List things", command(d, "list").description());
        assertEquals("Execute legacy status command", command(d, "status").description());
        assertEquals(List.of("Command 'checkout' skipped: it needs positional argument(s) target, which cannot be"
                + " passed as --name=value options",
                "Command 'list': optional positional argument(s) pattern cannot be passed and are left out"),
                d.warnings());
    }

    @Test
    void epilogPluginWithArgparseSubcommandsGetsParameters() throws IOException {
        Path dir = plugin("botfather", """
                import argparse
                p = argparse.ArgumentParser(formatter_class=argparse.RawDescriptionHelpFormatter,
                    epilog="Available commands:\\n  click-button    Click a button\\n  send-message    Send a message\\n\\nExamples:\\n  x")
                sub = p.add_subparsers(dest="command", help="Available commands")
                c = sub.add_parser("click-button")
                c.add_argument("--button-text", required=True)
                c.add_argument("--msg-id", type=int, required=True)
                s = sub.add_parser("send-message")
                s.add_argument("--message", required=True)
                p.parse_args()
                """);
        PluginDescriptor d = ok(probe.probe(dir));
        assertEquals(List.of("click-button", "send-message"), d.commands().stream().map(CommandDescriptor::name).toList());
        CommandDescriptor click = command(d, "click-button");
        assertEquals("Click a button", click.description());
        assertEquals(List.of("button-text", "msg-id"), click.inputSchema().get("required"));
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void pluginWithoutCommandsLoadsWithAWarning() throws IOException {
        Path dir = plugin("quiet", "print('usage: quiet [-h]')\n");
        PluginDescriptor d = ok(probe.probe(dir));
        assertEquals(List.of(), d.commands());
        assertEquals(List.of("No commands discovered via help scraping"), d.warnings());
    }

    @Test
    void pluginWhoseDescribeAndHelpBothFailIsAFailedPlugin() throws IOException {
        Path dir = plugin("broken", "import sys\nsys.stderr.write('Traceback ...\\nModuleNotFoundError: No module"
                + " named requests\\n')\nsys.exit(1)\n");
        assertEquals("Plugin broken could not be probed: --describe and --help both failed (exit code 1):"
                + " ModuleNotFoundError: No module named requests", probe.probe(dir).error());
    }

    @Test
    void executableCliIsRunDirectly() throws IOException {
        Path dir = Files.createDirectories(root.resolve("shell"));
        Path cli = dir.resolve("cli");
        Files.writeString(cli, "#!/bin/sh\necho '{\"commands\":[{\"name\":\"hi\"}]}'\n");
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        PluginDescriptor d = ok(probe.probe(dir));
        assertEquals(List.of(cli.toAbsolutePath().toString()), d.launcher());
        assertEquals("Execute shell hi command", d.commands().get(0).description());
    }

    @Test
    void missingCliAndBadNames() throws IOException {
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertEquals("Plugin empty: no cli.py or executable cli in " + empty.toAbsolutePath(),
                probe.probe(empty).error());
        Path nonExec = Files.createDirectories(root.resolve("nonexec"));
        Files.writeString(nonExec.resolve("cli"), "#!/bin/sh\n");
        assertTrue(probe.probe(nonExec).error().contains("no cli.py or executable cli"));
        assertEquals("Plugin name 'my__plugin' is invalid: it must not contain '__' nor end with '_' (the separator"
                + " between plugin and command in tool names)", probe.probe(plugin("my__plugin", "")).error());
        // 'foo_' + 'bar' would make the same tool name as 'foo' + '_bar'
        assertTrue(probe.probe(plugin("foo_", "")).error().contains("nor end with '_'"));
        assertEquals("Plugin name 'a b' is invalid: only letters, digits, '_' and '-' are allowed (it becomes part of"
                + " tool names)", probe.probe(plugin("a b", "")).error());
        assertTrue(probe.probe(plugin("p".repeat(62), "")).error().contains("must not exceed 64 characters"));
        assertEquals(null, PluginProbe.nameProblem("p".repeat(61)));
    }

    @Test
    void executorOutcomes() throws IOException {
        Path dir = plugin("fake", "");
        assertEquals("Plugin fake could not be started: python3: not found",
                new PluginProbe(new FakeExecutor(r -> outcome(Outcome.FAILED_TO_START, "python3: not found")), null)
                        .probe(dir).error());
        assertEquals("Plugin fake could not be probed: the process executor is busy (queue full)",
                new PluginProbe(new FakeExecutor(r -> outcome(Outcome.REJECTED, "queue full")), null).probe(dir)
                        .error());
        FakeExecutor slowDescribe = new FakeExecutor(r -> r.command().contains("--describe")
                ? outcome(Outcome.TIMED_OUT, null) : exited(0, "Available commands:\n  a\n", ""));
        PluginDescriptor d = ok(new PluginProbe(slowDescribe,
                new ProbeSettings("py", Duration.ofMillis(1500), 4096)).probe(dir));
        assertEquals(List.of("a"), d.commands().stream().map(CommandDescriptor::name).toList());
        assertEquals(List.of("--describe timed out after 1.5 seconds; commands were scraped from --help"), d.warnings());
        assertEquals(List.of("py", dir.resolve("cli.py").toString(), "--describe"), slowDescribe.requests.get(0).command());
        assertEquals(Duration.ofMillis(1500), slowDescribe.requests.get(0).timeout());
        assertEquals(4096, slowDescribe.requests.get(0).maxStdoutBytes());
        assertEquals(dir, slowDescribe.requests.get(0).workingDirectory());
        assertEquals(Set.of("1"), Set.of(slowDescribe.requests.get(0).environment().get("PYTHONUNBUFFERED")));
    }

    @Test
    void settingsDefaults() {
        ProbeSettings defaults = ProbeSettings.defaults();
        assertEquals("python3", defaults.python());
        assertEquals(Duration.ofSeconds(10), defaults.probeTimeout());
        assertEquals(1024 * 1024, defaults.maxProbeOutputBytes());
        assertEquals(defaults, new ProbeSettings(" ", Duration.ZERO, -1));
    }
}
