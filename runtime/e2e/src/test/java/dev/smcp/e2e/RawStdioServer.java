package dev.smcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution started in stdio mode as a process, driven with raw lines: stdout and stderr are kept apart, every
 * stdout line is recorded, stdin stays open until {@link #closeStdin()}.
 */
final class RawStdioServer implements AutoCloseable {

    static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private RawStdioServer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        Thread out = new Thread(this::readStdout, "smcp-e2e-stdout");
        Thread err = new Thread(this::readStderr, "smcp-e2e-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Starts {@code smcp.jar --stdio --plugins-dir DIR ...} and waits for the ready line on stderr. */
    static RawStdioServer start(Path pluginsDir, String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--stdio", "--plugins-dir", pluginsDir.toString()));
        args.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(SmcpServer.command(args));
        builder.environment().keySet().removeIf(k -> k.startsWith("MCP_"));
        RawStdioServer server = new RawStdioServer(builder.start());
        if (!server.ready.await(SmcpServer.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            server.close();
            throw new AssertionError("server did not become ready; stderr:\n" + server.stderr());
        }
        return server;
    }

    /** Writes one line (a newline is added) to the server's stdin. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Writes raw bytes to the server's stdin. */
    void sendRaw(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    /** Initializes the session and returns the initialize response line. */
    String initialize() throws Exception {
        send(INITIALIZE);
        String response = next(60);
        send(INITIALIZED);
        return response;
    }

    /** @return the next stdout line, waiting up to {@code seconds}; fails when none comes */
    String next(int seconds) throws InterruptedException {
        String line = unread.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("no line on stdout within " + seconds + " s; stderr:\n" + stderr());
        }
        return line;
    }

    /** @return the next stdout line that contains {@code text}, skipping others (e.g. list_changed notifications) */
    String nextContaining(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime());
            String line = next((int) Math.max(1, left));
            if (line.contains(text)) {
                return line;
            }
        }
    }

    /** Closes the server's stdin: the client is done. */
    void closeStdin() throws IOException {
        stdin.close();
    }

    /** Waits for the process to exit on its own; returns the exit code. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("server did not exit within " + seconds + " s; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    /** @return every line the server wrote to stdout so far */
    synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    synchronized String stderr() {
        return String.join("\n", stderr);
    }

    /**
     * @return the TCP ports the process listens on (Linux: its socket inodes in {@code /proc/PID/fd} matched against
     *         the LISTEN entries of {@code /proc/net/tcp} and {@code tcp6})
     */
    Set<Integer> listeningPorts() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file);
            for (String row : rows.subList(1, rows.size())) {
                String[] columns = row.trim().split("\\s+");
                // local_address is HEXIP:HEXPORT, st 0A is LISTEN, column 9 the inode
                if (columns.length > 9 && "0A".equals(columns[3]) && inodes.contains(columns[9])) {
                    String local = columns[1];
                    ports.add(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private void readStdout() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                synchronized (this) {
                    stdout.add(line);
                }
                unread.add(line);
            }
        } catch (IOException e) {
            // process gone
        }
    }

    private void readStderr() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                synchronized (this) {
                    stderr.add(line);
                }
                if (line.contains(" ready: ")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
