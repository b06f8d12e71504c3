package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP TypeScript SDK client ({@code @modelcontextprotocol/sdk}, pinned in
 * {@code src/test/ts-client/package.json}) run by Node against the real runtime: {@code session.mjs} connects
 * over one transport, runs a scripted session and prints one JSON object per step, checked here.
 *
 * <p>Needs {@code node} on the PATH (or {@code -Dsmcp.node=...}) and the driver's {@code node_modules}, which
 * the build installs with {@code npm ci}; without Node.js the test fails, unless run with
 * {@code -Dsmcp.tsclient.skip=true}.
 */
@DisabledIfSystemProperty(named = "smcp.tsclient.skip", matches = "true", disabledReason = "-Dsmcp.tsclient.skip=true")
class TypeScriptClientE2E {

    /** A deadline for one scripted session: the SDK's own request timeout is 60 s. */
    private static final long SESSION_DEADLINE_SECONDS = 180;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SmcpServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        checkDriverInstalled();
        server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            assertEquals(0, server.stop(), () -> "exit code after SIGTERM; log:\n" + server.log());
        }
    }

    @Test
    void legacySse() throws Exception {
        assertScriptedSession("sse", run("sse", server.baseUrl() + "/sse"));
    }

    @Test
    void streamableHttp() throws Exception {
        assertScriptedSession("http", run("http", server.baseUrl() + "/mcp"));
    }

    @Test
    void stdio() throws Exception {
        // the SDK starts the launcher as its child and talks on its stdin/stdout
        assertScriptedSession("stdio", run("stdio", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", SmcpServer.distribution().resolve("smcp.jar").toString(),
                "--stdio", "--plugins-dir", SmcpServer.demoPlugins().toString()));
    }

    /** The same script over every transport: the answers must not depend on it. */
    private static void assertScriptedSession(String transport, Session session) {
        assertEquals(0, session.exitCode, session::describe);
        assertEquals(List.of("initialize", "tools/list", "call", "tool-error", "unknown-tool", "close"),
                List.copyOf(session.steps.keySet()), session::describe);

        JsonNode init = session.steps.get("initialize");
        assertEquals(transport, init.path("transport").asString());
        // the SDK offers its latest version, which the server speaks, so the server echoes it
        assertEquals("2025-11-25", init.path("protocolVersion").asString(), session::describe);
        assertEquals("smcp-osgi", init.path("serverInfo").path("name").asString());
        assertEquals("0.1.0-SNAPSHOT", init.path("serverInfo").path("version").asString());
        assertTrue(init.path("capabilities").path("tools").isObject(), session::describe);

        JsonNode list = session.steps.get("tools/list");
        assertEquals(List.of("clock__add", "clock__convert", "clock__difference", "clock__now",
                "demo_math__calculate", "demo_math__coin_flip", "demo_math__format_bytes",
                "demo_text__echo", "demo_text__hash_preview", "demo_text__slugify", "demo_text__word_count", "health",
                "promptyoself__agents", "promptyoself__cancel", "promptyoself__execute", "promptyoself__list",
                "promptyoself__register", "promptyoself__test"),
                strings(list.path("tools")));
        assertTrue(list.path("nextCursor").isNull(), session::describe);
        JsonNode schema = list.path("calculateSchema");
        assertEquals("object", schema.path("type").asString());
        assertEquals(List.of("operation", "a", "b"), strings(schema.path("required")));
        assertEquals("number", schema.path("properties").path("a").path("type").asString());

        JsonNode call = session.steps.get("call");
        assertEquals(false, call.path("isError").asBoolean(true), session::describe);
        assertEquals(List.of("{\n  \"ok\": true,\n  \"operation\": \"add\",\n  \"a\": 2.0,\n  \"b\": 3.0,\n"
                + "  \"result\": 5.0\n}"), strings(call.path("text")));
        assertEquals(5.0, call.path("structuredContent").path("result").asDouble(), session::describe);
        assertEquals("add", call.path("structuredContent").path("operation").asString());

        JsonNode toolError = session.steps.get("tool-error");
        assertEquals(true, toolError.path("isError").asBoolean(false), session::describe);
        assertEquals(List.of("division_by_zero"), strings(toolError.path("text")));
        JsonNode error = toolError.path("structuredContent").path("error");
        assertEquals("plugin_error", error.path("code").asString());
        assertEquals("division_by_zero", error.path("message").asString());

        // an unknown tool is a JSON-RPC error, which the SDK throws as McpError
        JsonNode unknown = session.steps.get("unknown-tool").path("error");
        assertEquals(-32602, unknown.path("code").asInt(), session::describe);
        assertTrue(unknown.path("message").asString().contains("no_such__tool"), session::describe);
        assertEquals("tool_not_found", unknown.path("data").path("error").path("code").asString(), session::describe);
    }

    /** Runs the driver with these arguments to the end. */
    private Session run(String... args) throws Exception {
        Path stdout = temp.resolve("node-stdout.txt");
        Path stderr = temp.resolve("node-stderr.txt");
        List<String> command = new ArrayList<>(List.of(node(), "session.mjs"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(driverDir().toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(noNode(e));
        }
        process.getOutputStream().close();
        if (!process.waitFor(SESSION_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the TypeScript client did not exit; stderr:\n" + Files.readString(stderr));
        }
        Session session = new Session(process.exitValue(), Files.readString(stdout),
                Files.readString(stderr), server == null ? "" : server.log());
        for (String line : session.stdout.split("\n")) {
            if (!line.isBlank()) {
                JsonNode step = JSON.readTree(line);
                session.steps.put(step.path("step").asString(), step);
            }
        }
        return session;
    }

    /** Fails with what to do when Node.js or the driver's packages are missing or stale. */
    private static void checkDriverInstalled() throws Exception {
        Process version;
        try {
            version = new ProcessBuilder(node(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(noNode(e));
        }
        String reported = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0,
                () -> node() + " --version failed: " + reported);
        String pinned = JSON.readTree(driverDir().resolve("package.json").toFile()).path("dependencies")
                .path("@modelcontextprotocol/sdk").asString();
        Path installed = driverDir().resolve("node_modules/@modelcontextprotocol/sdk/package.json");
        assertTrue(Files.isRegularFile(installed), () -> "the TypeScript SDK is not installed: run npm ci in "
                + driverDir() + " (the Maven build does that when node_modules is missing)");
        assertEquals(pinned, JSON.readTree(installed.toFile()).path("version").asString(),
                () -> "the installed TypeScript SDK is not the pinned one: run npm ci in " + driverDir());
    }

    private static String noNode(IOException e) {
        return "TypeScriptClientE2E needs Node.js 20+ (" + node() + " could not be run: " + e.getMessage()
                + "); install it, point -Dsmcp.node at it, or skip this test with -Dsmcp.tsclient.skip=true";
    }

    private static String node() {
        return System.getProperty("smcp.node", "node");
    }

    private static Path driverDir() {
        return Path.of(System.getProperty("smcp.tsclient.dir", "src/test/ts-client")).toAbsolutePath();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** What one run of the driver printed, its steps by name in the order printed. */
    private static final class Session {
        final int exitCode;
        final String stdout;
        final String stderr;
        final String serverLog;
        final Map<String, JsonNode> steps = new LinkedHashMap<>();

        Session(int exitCode, String stdout, String stderr, String serverLog) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.serverLog = serverLog;
        }

        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr + "\nserver log:\n" + serverLog;
        }
    }
}
