package dev.smcp.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution started as a process ({@code java -jar smcp.jar}, stdin closed) on a free loopback port. Its
 * log is read all along, keeping the last lines, the server's own duration of every tool call, and when the
 * launcher's ready line came.
 */
final class SmcpServerProcess implements AutoCloseable {

    private static final int START_TIMEOUT_SECONDS = 90;
    private static final int STOP_TIMEOUT_SECONDS = 60;
    private static final int KEPT_LINES = 200;
    /** The protocol engine's line per call: {@code Tool call NAME session ID: ok in N ms}. */
    private static final Pattern CALL_LINE = Pattern.compile("Tool call (\\S+) session \\S+: ok in (\\d+) ms");

    final int port;
    private final Process process;
    private final long startedNanos;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile long readyNanos;
    private volatile String readyLine;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final List<Integer> callMillis = new ArrayList<>();

    private SmcpServerProcess(int port, Process process, long startedNanos) {
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        Thread reader = new Thread(this::readLog, "smcp-benchmark-server-log");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the server and waits for its {@code ready} line.
     *
     * @param arguments further launcher flags
     */
    static SmcpServerProcess start(Path distribution, Path pluginsDir, List<String> arguments)
            throws IOException, InterruptedException {
        SmcpServerProcess server = launch(distribution, pluginsDir, arguments);
        if (!server.awaitReady(TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS) + System.nanoTime())) {
            server.close();
            throw new IllegalStateException("server not ready after " + START_TIMEOUT_SECONDS + " s; log:\n"
                    + server.log());
        }
        return server;
    }

    /**
     * Starts the server without waiting for it.
     *
     * @param arguments further launcher flags
     */
    static SmcpServerProcess launch(Path distribution, Path pluginsDir, List<String> arguments) throws IOException {
        Path jar = distribution.resolve("smcp.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it first (mvn -B package -DskipTests)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--port", Integer.toString(port), "--plugins-dir",
                pluginsDir.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("MCP_"));
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        return new SmcpServerProcess(port, process, started);
    }

    /**
     * @param deadlineNanos when to give up ({@link System#nanoTime()})
     * @return whether the ready line came before the deadline
     */
    boolean awaitReady(long deadlineNanos) throws InterruptedException {
        return ready.await(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /** @return {@link System#nanoTime()} just before the process was started */
    long startedNanos() {
        return startedNanos;
    }

    /** @return {@link System#nanoTime()} when the ready line was read; only after {@link #awaitReady} said so */
    long readyNanos() {
        return readyNanos;
    }

    /** @return the launcher's ready line, {@code null} before it came */
    String readyLine() {
        return readyLine;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** @return how many successful calls of this tool the server has logged so far */
    synchronized int loggedCalls() {
        return callMillis.size();
    }

    /** @return the server's own durations (whole ms) of the successful calls logged since {@code from} */
    synchronized List<Integer> loggedCallMillis(int from) {
        return List.copyOf(callMillis.subList(from, callMillis.size()));
    }

    synchronized String log() {
        return String.join("\n", lastLines);
    }

    private void readLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                Matcher call = CALL_LINE.matcher(line);
                synchronized (this) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                    if (call.find()) {
                        callMillis.add(Integer.parseInt(call.group(2)));
                    }
                }
                if (readyLine == null && line.startsWith("smcp: ") && line.contains(" ready: ")) {
                    readyNanos = System.nanoTime();
                    readyLine = line;
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Sends SIGTERM and waits for the exit; SIGKILL if it does not come. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            System.err.println("server did not stop within " + STOP_TIMEOUT_SECONDS + " s of SIGTERM; killed");
        }
    }

    /** @return the exit code, or -1 while it runs */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }
}
