package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The {@code smcp:} console commands and the Felix bundle commands in the real runtime, typed into Gogo through a
 * pipe, while an MCP Java SDK client is connected.
 */
class ConsoleE2E {

    private static final long WAIT_SECONDS = 60;
    /** Info logs share the pipe with the console; warnings and errors still show. */
    private static final Map<String, String> QUIET = Map.of("SMCP_LOG_LEVEL", "warn");
    private static final Set<String> DEMO_MATH = Set.of("demo_math__calculate", "demo_math__format_bytes",
            "demo_math__coin_flip");
    private static final Set<String> DEMO_TEXT = Set.of("demo_text__echo", "demo_text__hash_preview",
            "demo_text__slugify", "demo_text__word_count");
    private static final Set<String> LAB = Set.of("lab__sleep", "lab__fail_stderr");

    @TempDir
    Path temp;

    @Test
    void commandsListPluginsToolsAndSessionsAndCallTools() throws Exception {
        try (SmcpServer server = startWithConsole(); GogoConsole console = new GogoConsole(server)) {
            String plugins = console.runUntil("smcp:plugins",
                    out -> hasLine(out, "demo_math +cli +active +\\d+ +3 +describe +-")
                            && hasLine(out, "demo_text +cli +active +\\d+ +4 +describe +-"));
            assertTrue(hasLine(plugins, "NAME +KIND +STATE +BUNDLE +TOOLS +SOURCE +ERROR"), plugins);

            String tools = console.run("smcp:tools");
            for (String tool : DEMO_MATH) {
                assertTrue(hasLine(tools, Pattern.quote(tool) + " +demo_math +\\d+ +\\S.*"), tools);
            }
            for (String tool : DEMO_TEXT) {
                assertTrue(hasLine(tools, Pattern.quote(tool) + " +demo_text +\\d+ +\\S.*"), tools);
            }

            String plugin = console.run("smcp:plugin demo_math");
            assertTrue(hasLine(plugin, "tools \\(3\\): +demo_math__calculate"), plugin);
            assertTrue(hasLine(plugin, "executable: +.*/demo_math/cli\\.py"), plugin);

            // one JSON object, in single quotes so that Gogo passes it as one word
            String json = console.run("smcp:call demo_math__calculate '{\"operation\": \"multiply\", \"a\": 6, "
                    + "\"b\": 7}'");
            assertTrue(hasLine(json, "demo_math__calculate: ok"), json);
            assertTrue(hasLine(json, " *\"result\": 42\\.0"), json);
            // key=value pairs: numbers are JSON, words are strings
            String pairs = console.run("smcp:call demo_math__calculate operation=subtract a=10 b=4.5");
            assertTrue(hasLine(pairs, "demo_math__calculate: ok"), pairs);
            assertTrue(hasLine(pairs, " *\"result\": 5\\.5"), pairs);
            String failed = console.run("smcp:call demo_math__calculate operation=divide a=1 b=0");
            assertTrue(hasLine(failed, "demo_math__calculate: ERROR plugin_error: division_by_zero"), failed);
            String unknown = console.run("smcp:call demo_math__nope");
            assertTrue(hasLine(unknown, "demo_math__nope: ERROR -32602: Unknown tool: demo_math__nope"), unknown);

            try (McpSyncClient client = McpClients.sse(server)) {
                String sessions = console.run("smcp:sessions");
                assertTrue(hasLine(sessions, "[0-9a-f]{32} +sse +\\d{4}-\\d\\d-\\d\\d +smcp-e2e 1\\.0\\.0 +"
                        + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +0"), sessions);
                assertFalse(sessions.contains("console"), "the console's own sessions are closed: " + sessions);
            }

            String rescan = console.run("smcp:rescan");
            assertTrue(hasLine(rescan, "unchanged +2 +demo_math, demo_text"), rescan);

            // the commands stay, and say what is missing
            long pluginsBundle = bundleId(console.run("lb -s dev.smcp.plugins"), "dev.smcp.plugins");
            console.run("stop " + pluginsBundle);
            String missing = console.runUntil("smcp:plugins", out -> out.contains("not available"));
            assertTrue(hasLine(missing, "gogo: IllegalStateException: The plugins are not available: no PluginRuntime "
                    + "service \\(is bundle dev\\.smcp\\.plugins active\\?\\)"), missing);
        }
    }

    @Test
    void bundleCommandsTakeAPluginsToolsFromConnectedClientsAndBringThemBack() throws Exception {
        AtomicReference<Set<String>> announced = new AtomicReference<>(Set.of());
        AtomicInteger changes = new AtomicInteger();
        try (SmcpServer server = startWithConsole(); GogoConsole console = new GogoConsole(server);
                McpSyncClient client = McpClients.sse(server, tools -> {
                    announced.set(names(tools));
                    changes.incrementAndGet();
                })) {
            String plugins = console.runUntil("smcp:plugins",
                    out -> hasLine(out, "demo_text +cli +active +\\d+ +4 +describe +-"));
            long demoText = pluginBundle(plugins, "demo_text");
            assertTrue(names(client.listTools().tools()).containsAll(DEMO_TEXT));

            console.run("stop " + demoText);
            await(() -> changes.get() > 0 && disjoint(announced.get(), DEMO_TEXT), "list_changed without demo_text",
                    announced);
            Set<String> listed = names(client.listTools().tools());
            assertTrue(disjoint(listed, DEMO_TEXT) && listed.containsAll(DEMO_MATH), listed.toString());
            String stopped = console.run("smcp:plugins");
            assertTrue(hasLine(stopped, "demo_text +cli +stopped +" + demoText + " .*"), stopped);

            int beforeStart = changes.get();
            console.run("start " + demoText);
            await(() -> changes.get() > beforeStart && announced.get().containsAll(DEMO_TEXT),
                    "list_changed with demo_text again", announced);
            assertTrue(names(client.listTools().tools()).containsAll(DEMO_TEXT));

            int beforeUninstall = changes.get();
            console.run("uninstall " + demoText);
            await(() -> changes.get() > beforeUninstall && disjoint(announced.get(), DEMO_TEXT),
                    "list_changed without demo_text after uninstall", announced);
            assertTrue(disjoint(names(client.listTools().tools()), DEMO_TEXT));
            String afterUninstall = console.run("smcp:plugins");
            assertFalse(hasLine(afterUninstall, "demo_text +cli +active .*"), afterUninstall);

            Path lab = SmcpServer.labPlugins().resolve("lab");
            String installed = console.run("install 'smcp-plugin:" + lab + "'");
            Matcher id = Pattern.compile("Bundle ID: (\\d+)").matcher(installed);
            assertTrue(id.find(), installed);
            int beforeLab = changes.get();
            console.run("start " + id.group(1));
            await(() -> changes.get() > beforeLab && announced.get().containsAll(LAB), "list_changed with lab",
                    announced);
            assertTrue(names(client.listTools().tools()).containsAll(LAB));
            String labPlugin = console.run("smcp:plugins");
            assertTrue(hasLine(labPlugin, "lab +cli +active +" + id.group(1) + " +2 +describe +-"), labPlugin);
            String call = console.run("smcp:call lab__fail_stderr");
            assertTrue(hasLine(call, "lab__fail_stderr: ERROR plugin_error: .*something broke on stderr.*"), call);

            // a call that does not end in time: its session is closed, which kills the plugin and its child
            Path pidFile = temp.resolve("sleep.pids");
            String slow = console.run("smcp:call -t 15 lab__sleep seconds=600 pid_file=" + pidFile);
            assertTrue(hasLine(slow, "lab__sleep: TIMED OUT after 15 s: the call was cancelled and its session closed"),
                    slow);
            LabProcesses.assertGone(LabProcesses.awaitPids(pidFile));
            String sessions = console.run("smcp:sessions");
            assertTrue(hasLine(sessions, "[0-9a-f]{32} +sse .*") && !sessions.contains("console"), sessions);
        }
    }

    private static SmcpServer startWithConsole() throws Exception {
        int port = SmcpServer.freePort();
        Process process = SmcpServer.launchWithStdin(QUIET, List.of("--console", "--port", Integer.toString(port),
                "--plugins-dir", SmcpServer.demoPlugins().toString()));
        return new SmcpServer(port, process).awaitReady();
    }

    private static boolean hasLine(String output, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return output.lines().anyMatch(line -> pattern.matcher(line).matches());
    }

    /** The bundle id in the {@code smcp:plugins} line of a plugin. */
    private static long pluginBundle(String plugins, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " +\\S+ +\\S+ +(\\d+) ").matcher(plugins);
        assertTrue(matcher.find(), plugins);
        return Long.parseLong(matcher.group(1));
    }

    /** The bundle id in the {@code lb -s} line of a bundle. */
    private static long bundleId(String lb, String symbolicName) {
        Matcher matcher = Pattern.compile("(?m)^ *(\\d+)\\|\\w+ *\\| *\\d+\\|" + Pattern.quote(symbolicName) + " ")
                .matcher(lb);
        assertTrue(matcher.find(), lb);
        return Long.parseLong(matcher.group(1));
    }

    private static Set<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean disjoint(Set<String> names, Set<String> tools) {
        return tools.stream().noneMatch(names::contains);
    }

    private static void await(BooleanSupplier condition, String what, Object state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; last: " + state);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Types commands into the Gogo console on the server's stdin. Each command is followed by an {@code echo} of a
     * marker, so its output is what the server printed between the previous marker and this one.
     */
    private static final class GogoConsole implements AutoCloseable {

        private static final Pattern PROMPT = Pattern.compile("^(g! )+");

        private final SmcpServer server;
        private final OutputStream stdin;
        private int marks;
        private int consumed;

        GogoConsole(SmcpServer server) {
            this.server = server;
            this.stdin = server.process.getOutputStream();
        }

        /** Runs the command and returns its output (prompts removed). */
        String run(String command) throws IOException, InterruptedException {
            String mark = "console-mark-" + ++marks + "-end";
            stdin.write((command + "\necho " + mark + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                List<String> lines = server.log().lines().toList();
                for (int i = consumed; i < lines.size(); i++) {
                    if (lines.get(i).endsWith(mark)) {
                        String output = lines.subList(consumed, i).stream()
                                .map(line -> PROMPT.matcher(line).replaceFirst(""))
                                .collect(Collectors.joining("\n"));
                        consumed = i + 1;
                        return output;
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no answer to '" + command + "' within " + WAIT_SECONDS + " s; log:\n"
                    + server.log());
        }

        /** Runs the command again until its output satisfies the condition. */
        String runUntil(String command, Predicate<String> condition) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (true) {
                String output = run(command);
                if (condition.test(output)) {
                    return output;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("'" + command + "' never gave the expected output; last:\n" + output);
                }
                Thread.sleep(200);
            }
        }

        @Override
        public void close() throws IOException {
            stdin.close();
        }
    }
}
