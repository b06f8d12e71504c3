package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * The plugin contract row by row, through the real runtime and the official MCP Java SDK client: argument
 * coercion and rendering, the --help fallback, non-Python plugins, every way a call can fail, the environment of a
 * call, and hostile plugins that must not disturb the others. The lab plugins are in
 * {@code src/test/contract-plugins}; after every kill the process table is checked for leftovers.
 */
class PluginContractE2E {

    private static final String SECRET = "s3cret-that-must-not-leak";

    @TempDir
    static Path pidDir;

    @TempDir
    Path temp;

    private static SmcpServer server;
    private static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        server = SmcpServer.start(SmcpServer.contractPlugins(), Map.of("MCP_API_KEY", SECRET, "MCP_API_KEY_OLD",
                SECRET, "MCP_AUTH_TOKEN", SECRET, "LAB_VISIBLE", "yes", "LAB_PID_DIR", pidDir.toString()),
                "--plugin-timeout", "3");
        client = McpClients.sse(server);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            assertEquals(0, server.stop(), () -> "exit code after SIGTERM; log:\n" + server.log());
        }
    }

    // ---- discovery

    @Test
    void everyUsablePluginIsServedWhateverItsNeighboursDo() {
        List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        for (String expected : List.of("echoargv__echo", "flags__parse", "helponly__greet", "helponly__version",
                "shellcli__hello", "misbehave__hang", "slowdescribe__ping", "hangdescribe__status",
                "bigdescribe__tiny", "forkdescribe__noop")) {
            assertTrue(tools.contains(expected), expected + " missing from " + tools);
        }
        assertTrue(tools.stream().noneMatch(t -> t.startsWith("garbage__")), tools.toString());
        assertEquals(tools.stream().sorted().toList(), tools, "tools/list is sorted");
    }

    @Test
    void aProbeThatLeavesProcessesBehindDoesNotLeakThem() throws Exception {
        Path pidFile = pidDir.resolve("forkdescribe.pid");
        assertTrue(Files.exists(pidFile), "forkdescribe never ran --describe");
        LabProcesses.assertGone(LabProcesses.awaitPids(pidFile));
    }

    @Test
    void slowAndHangingDescribesStillGiveTools() {
        assertEquals(Map.of("pong", true), structured(call("slowdescribe__ping", Map.of())));
        // --describe hung until the probe timeout; the command came from argparse's --help
        assertEquals(Map.of("status", "fine"), structured(call("hangdescribe__status", Map.of())));
        // --describe wrote 100 MiB; the command came from the "Available commands:" epilog
        assertEquals(Map.of("tiny", true), structured(call("bigdescribe__tiny", Map.of())));
    }

    // ---- arguments

    @Test
    void everyKindOfValueIsRenderedSafely() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("name", "a b");
        arguments.put("count", 3);
        arguments.put("ratio", 0.5);
        arguments.put("flag", false);
        arguments.put("sflag", true);
        arguments.put("no-cache", true);
        arguments.put("dry_run", true);
        arguments.put("quiet", true);
        arguments.put("loud", true);
        arguments.put("tags", List.of("x", "-y"));
        arguments.put("ids", List.of(1, 2));
        arguments.put("recipients", List.of(Map.of("name", "A")));
        arguments.put("cfg", Map.of("k", "é"));
        arguments.put("some-thing", "--describe");
        assertEquals(List.of("--name=a b", "--count=3", "--ratio=0.5", "--flag=false", "--sflag", "--no-cache",
                "--dry-run", "--quiet", "--loud=true", "--tags=x", "--tags=-y", "--ids=1", "--ids=2",
                "--recipients=[{\"name\":\"A\"}]", "--cfg={\"k\":\"é\"}", "--some-thing=--describe"),
                argv(arguments));
    }

    @Test
    void falseFlagsAndNullsRenderNothing() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("sflag", false);
        arguments.put("dry_run", false);
        arguments.put("name", null);
        arguments.put("tags", List.of());
        arguments.put("count", -7);
        assertEquals(List.of("--count=-7"), argv(arguments));
    }

    @Test
    void lettaItemWrapperAndHyphenUnderscoreAliasesAreCoercedBeforeValidation() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("dry-run", true);
        arguments.put("recipients", Map.of("item", List.of(Map.of("name", "B"))));
        arguments.put("some_thing", "v");
        arguments.put("tags", Map.of("item", "solo"));
        assertEquals(List.of("--dry-run", "--recipients=[{\"name\":\"B\"}]", "--some-thing=v", "--tags=solo"),
                argv(arguments));
        assertEquals(List.of("--recipients=[{\"name\":\"C\"}]"),
                argv(Map.of("recipients", Map.of("item", Map.of("name", "C")))));
    }

    @Test
    void invalidArgumentsAreStructuredErrorsNamingTheField() {
        assertInvalid(Map.of("count", "three"), "count: expected integer, got string");
        assertInvalid(Map.of("count", 2.5), "count: expected integer");
        assertInvalid(Map.of("recipients", List.of(Map.of("nom", "x"))), "recipients[0].name: is required");
        assertInvalid(Map.of("colour", "red"), "colour: unknown parameter");
    }

    @Test
    void argparseTakesWhatTheServerRenders() {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("name", "--not-an-option");
        arguments.put("count", -4);
        arguments.put("verbose", true);
        arguments.put("no-cache", true);
        arguments.put("tag", List.of("a", "-b"));
        arguments.put("recipients", List.of(Map.of("name", "A", "vip", true)));
        arguments.put("cfg", Map.of("n", List.of(1, 2)));
        Map<String, Object> parsed = structured(call("flags__parse", arguments));
        assertEquals("--not-an-option", parsed.get("name"));
        assertEquals(-4, ((Number) parsed.get("count")).intValue());
        assertEquals(true, parsed.get("verbose"));
        assertEquals(false, parsed.get("cache"));
        assertEquals(List.of("a", "-b"), parsed.get("tag"));
        assertEquals(List.of(Map.of("name", "A", "vip", true)), parsed.get("recipients"));
        assertEquals(Map.of("n", List.of(1, 2)), parsed.get("cfg"));

        Map<String, Object> defaults = structured(call("flags__parse", Map.of("name", "n")));
        assertEquals(false, defaults.get("verbose"));
        assertEquals(true, defaults.get("cache"));
    }

    // ---- the --help fallback and other languages

    @Test
    void aPlainArgparsePluginGetsRealParametersFromItsHelp() {
        McpSchema.Tool greet = client.listTools().tools().stream().filter(t -> t.name().equals("helponly__greet"))
                .findFirst().orElseThrow();
        assertEquals("Greet someone", greet.description());
        Map<String, Object> schema = greet.inputSchema();
        assertEquals(List.of("name"), schema.get("required"));
        Map<String, Object> properties = map(schema.get("properties"));
        assertEquals(List.of("hello", "hi"), map(properties.get("greeting")).get("enum"));
        // argparse shows defaults with ArgumentDefaultsHelpFormatter: "(default: hello)"
        assertEquals("hello", map(properties.get("greeting")).get("default"));
        assertEquals("boolean", map(properties.get("shout")).get("type"));
        assertEquals("who to greet", map(properties.get("name")).get("description"));

        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("name", "Ann");
        arguments.put("greeting", "hi");
        arguments.put("times", 2);
        arguments.put("shout", true);
        assertEquals("HI, ANN! HI, ANN!", structured(call("helponly__greet", arguments)).get("text"));
        assertEquals("hello, Bob!", structured(call("helponly__greet", Map.of("name", "Bob"))).get("text"));
        assertEquals("invalid_arguments", errorCode(call("helponly__greet", Map.of("name", "C", "greeting", "yo"))));
    }

    @Test
    void anExecutableCliInAnotherLanguageRunsInItsOwnDirectory() {
        Map<String, Object> out = structured(call("shellcli__hello", Map.of("who", "sh")));
        assertEquals("hello sh", out.get("greeting"));
        assertEquals("sh", out.get("shell"));
        assertEquals(SmcpServer.contractPlugins().resolve("shellcli").toString(), out.get("cwd"));
    }

    // ---- results and failures

    @Test
    void plainTextIsTextWithoutStructuredContent() {
        CallToolResult result = call("misbehave__text", Map.of());
        assertFalse(result.isError());
        assertEquals("just some text, not JSON", DemoPluginsE2E.text(result));
        assertNull(result.structuredContent());
    }

    @Test
    void errorJsonWithExit1IsAPluginError() {
        assertPluginError("boom", call("misbehave__error_json", Map.of()));
        assertPluginError("{\"reason\":\"quota\",\"retry\":false}", call("misbehave__error_object", Map.of()));
    }

    @Test
    void exitCodeZeroIsSuccessWhateverTheOutputSays() {
        CallToolResult result = call("misbehave__error_on_success", Map.of());
        assertFalse(result.isError());
        assertEquals("reported, but the exit code says success", structured(result).get("error"));
    }

    @Test
    void silentFailureAndStderrOnlyFailure() {
        assertPluginError("Plugin exited with code 3 (no output)", call("misbehave__silent", Map.of()));
        assertPluginError("Plugin exited with code 4: misbehave: the disk is full",
                call("misbehave__stderr_only", Map.of()));
    }

    @Test
    void outputThatIsNotUtf8IsDecodedWithReplacementCharacters() {
        CallToolResult result = call("misbehave__binary", Map.of());
        assertFalse(result.isError());
        assertEquals("caf\uFFFD \uFFFD ok", DemoPluginsE2E.text(result));
        assertPluginError("bad \uFFFD\uFFFD bytes", call("misbehave__binary_failure", Map.of()));
    }

    @Test
    void hugeOutputIsCutOffAndThePluginKilled() throws Exception {
        Path pidFile = temp.resolve("flood.pid");
        CallToolResult result = call("misbehave__flood", Map.of("mebibytes", 100, "pid_file", pidFile.toString()));
        assertTrue(result.isError());
        assertEquals("output_too_large", errorCode(result));
        assertEquals("Plugin output exceeded the limit of 16777216 bytes", DemoPluginsE2E.text(result));
        LabProcesses.assertGone(LabProcesses.awaitPids(pidFile));
    }

    @Test
    void aHangingPluginTimesOutAndItsWholeTreeIsKilled() throws Exception {
        Path pidFile = temp.resolve("hang.pid");
        CallToolResult result = call("misbehave__hang", Map.of("pid_file", pidFile.toString()));
        assertTrue(result.isError());
        assertEquals("timeout", errorCode(result));
        assertEquals("Plugin command timed out after 3.0 seconds", DemoPluginsE2E.text(result));
        List<Long> pids = LabProcesses.awaitPids(pidFile);
        assertEquals(2, pids.size());
        LabProcesses.assertGone(pids);
    }

    @Test
    void childrenThatOutliveANormalExitAreKilled() throws Exception {
        Path pidFile = temp.resolve("orphans.pid");
        CallToolResult result = call("misbehave__orphans", Map.of("pid_file", pidFile.toString()));
        assertFalse(result.isError(), () -> DemoPluginsE2E.text(result));
        LabProcesses.assertGone(LabProcesses.awaitPids(pidFile));
    }

    @Test
    void aCallRunsInThePluginDirectoryWithStdinClosedAndWithoutTheServerSecrets() {
        Map<String, Object> env = structured(call("misbehave__environment", Map.of()));
        assertEquals(SmcpServer.contractPlugins().resolve("misbehave").toString(), env.get("cwd"));
        assertEquals("", env.get("stdin"));
        assertEquals("1", env.get("unbuffered"));
        assertEquals("yes", env.get("visible"));
        assertEquals(List.of(), env.get("secrets"));
        assertFalse(server.log().contains(SECRET), "a secret reached the log");
    }

    @Test
    void theServerStaysHealthyAfterAllThat() {
        assertEquals(List.of("--name=still fine"), argv(Map.of("name", "still fine")));
        client.ping();
    }

    // ---- helpers

    private static CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    @SuppressWarnings("unchecked")
    private static List<String> argv(Map<String, Object> arguments) {
        CallToolResult result = call("echoargv__echo", arguments);
        assertFalse(result.isError(), () -> DemoPluginsE2E.text(result));
        return (List<String>) structured(result).get("argv");
    }

    private static Map<String, Object> structured(CallToolResult result) {
        return DemoPluginsE2E.structured(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String errorCode(CallToolResult result) {
        return String.valueOf(map(structured(result).get("error")).get("code"));
    }

    private static void assertPluginError(String message, CallToolResult result) {
        assertTrue(result.isError(), () -> DemoPluginsE2E.text(result));
        assertEquals(message, DemoPluginsE2E.text(result));
        assertEquals(Map.of("code", "plugin_error", "message", message), structured(result).get("error"));
    }

    private static void assertInvalid(Map<String, Object> arguments, String messagePart) {
        CallToolResult result = call("echoargv__echo", arguments);
        assertTrue(result.isError());
        assertEquals("invalid_arguments", errorCode(result));
        String message = DemoPluginsE2E.text(result);
        assertTrue(message.contains(messagePart), () -> message + " does not contain " + messagePart);
    }
}
