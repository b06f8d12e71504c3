package dev.smcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real distribution started as a process ({@code java -jar smcp.jar}) on a free loopback port, its stderr
 * collected. Closing it sends SIGTERM and waits for the exit code.
 */
final class SmcpServer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    final int port;
    final Process process;
    private final List<String> log = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    SmcpServer(int port, Process process) {
        this.port = port;
        this.process = process;
        Thread reader = new Thread(this::readLog, "smcp-e2e-log-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    static Path distribution() {
        return Path.of(System.getProperty("smcp.distribution", "../distribution/target/smcp")).toAbsolutePath();
    }

    static Path demoPlugins() {
        return Path.of(System.getProperty("smcp.demo.plugins", "../../plugins")).toAbsolutePath();
    }

    static Path labPlugins() {
        return Path.of(System.getProperty("smcp.lab.plugins", "src/test/plugins")).toAbsolutePath();
    }

    static Path contractPlugins() {
        return Path.of(System.getProperty("smcp.contract.plugins", "src/test/contract-plugins")).toAbsolutePath();
    }

    /** Starts the server with these plugins and extra arguments, and waits until it is ready. */
    static SmcpServer start(Path pluginsDir, Map<String, String> env, String... extraArgs) throws Exception {
        int port = freePort();
        Process process = launch(env, concat(List.of("--port", Integer.toString(port), "--plugins-dir",
                pluginsDir.toString()), extraArgs));
        return new SmcpServer(port, process).awaitReady();
    }

    SmcpServer awaitReady() throws InterruptedException {
        if (!ready.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            close();
            throw new AssertionError("server did not become ready; log:\n" + log());
        }
        return this;
    }

    /** Waits until the log has a line containing the text. */
    boolean awaitLog(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Starts the launcher with exactly these arguments, stdin closed, without waiting. */
    static Process launch(Map<String, String> env, List<String> args) throws IOException {
        Process process = launchWithStdin(env, args);
        process.getOutputStream().close();
        return process;
    }

    /** Starts the launcher with exactly these arguments and stdin open, without waiting. */
    static Process launchWithStdin(Map<String, String> env, List<String> args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_") || k.startsWith("PROMPTYOSELF_"));
        // the runtime's PromptYoSelf scheduler must not pick up the user's own prompts (~/.smcp/): a file never made
        builder.environment().put("PROMPTYOSELF_DB", Path.of(System.getProperty("java.io.tmpdir"),
                "smcp-e2e-no-prompts-" + ProcessHandle.current().pid(), "prompts.sqlite3").toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** @return the command line that starts the launcher ({@code java -jar smcp.jar}) with these arguments */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", distribution().resolve("smcp.jar").toString()));
        command.addAll(args);
        return command;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    synchronized String log() {
        return String.join("\n", log);
    }

    private void readLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                synchronized (this) {
                    log.add(line);
                }
                if (line.contains(" ready: ")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** Sends SIGTERM and waits; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("server did not stop within 60 s after SIGTERM; log:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
