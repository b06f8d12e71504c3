package dev.smcp.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Times {@code demo_math__calculate} through the real server (MCP Java SDK client over HTTP+SSE) against running
 * the same CLI directly: sequential latency, then throughput at several concurrency levels. A harness, not a test:
 * it prints figures for this machine (docs/performance.md) to stdout, progress to stderr, and exits 1 only if a
 * call failed.
 */
public final class CallBenchmark {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** The server's default interpreter, looked up on PATH by both sides. */
    private static final String PYTHON = "python3";
    private static final double TARGET_OVERHEAD_MS = 2.0;
    /** Pings before the measurements, so both JVMs have compiled the transport path. */
    private static final int TRANSPORT_WARMUP = 1000;

    private final BenchmarkOptions options;
    private final List<String> errors = new ArrayList<>();

    private CallBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"); // the SDK's own logging
        }
        BenchmarkOptions options;
        try {
            if (List.of(args).contains("--help")) {
                System.out.println(BenchmarkOptions.USAGE);
                return;
            }
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new CallBenchmark(options).run());
    }

    private int run() throws Exception {
        Path cli = options.pluginsDir().resolve("demo_math").resolve("cli.py");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("no " + cli + "; pass --plugins-dir=<repository>/plugins");
        }
        List<String> direct = List.of(PYTHON, cli.toString(), ExpectedResult.COMMAND, "--operation=add",
                "--a=2", "--b=3");
        line("SMCP call benchmark: %s %s", ExpectedResult.TOOL, ExpectedResult.JSON);
        machineFacts();
        line("direct command: %s", String.join(" ", direct));
        progress("starting the server from " + options.distribution());
        try (SmcpServerProcess server = SmcpServerProcess.start(options.distribution(), options.pluginsDir())) {
            line("server: %s/sse, plugins %s", server.baseUrl(), options.pluginsDir());
            sequential(server, direct);
            throughput(server, new DirectCli(direct));
        }
        if (!errors.isEmpty()) {
            System.out.println();
            System.out.println("ERRORS (first ones per measurement):");
            errors.forEach(e -> System.out.println("  " + e));
            return 1;
        }
        return 0;
    }

    private void sequential(SmcpServerProcess server, List<String> direct) throws Exception {
        List<String> names = new ArrayList<>(List.of("direct spawn"));
        List<TimedCall> calls = new ArrayList<>(List.of(new DirectCli(direct)));
        if (Files.isExecutable(SETSID)) {
            List<String> behindSetsid = new ArrayList<>(List.of(SETSID.toString()));
            behindSetsid.addAll(direct);
            names.add("direct spawn behind setsid");
            calls.add(new DirectCli(behindSetsid));
        }
        try (ServerClient client = new ServerClient(server.baseUrl());
                RawSseClient raw = new RawSseClient(server.baseUrl())) {
            progress("warming up the transport: " + TRANSPORT_WARMUP + " pings each with the SDK and raw HTTP");
            CallRunner.interleaved(List.of(client::ping, raw::ping), TRANSPORT_WARMUP, 0);
            names.add("server tools/call");
            calls.add(client::calculate);
            progress("measuring " + String.join(", ", names) + ": " + options.iterations() + " rounds after "
                    + options.warmup());
            int logged = server.loggedCalls();
            List<Samples> samples = CallRunner.interleaved(calls, options.warmup(), options.iterations());
            List<Integer> serverSide = serverLoggedCalls(server, logged);
            progress("measuring ping and tools/list");
            List<Samples> floors = CallRunner.interleaved(List.of(client::ping, raw::ping, client::listTools),
                    options.warmup(), options.iterations());

            line("");
            line("Sequential latency in ms: %d calls each after %d warm-up calls, in rotating round-robin order",
                    options.iterations(), options.warmup());
            line("%-40s %6s %8s %8s %8s %8s %8s %7s", "what", "n", "median", "p90", "p99", "mean", "max", "errors");
            for (int i = 0; i < names.size(); i++) {
                row(names.get(i), samples.get(i));
            }
            LatencyStats inside = LatencyStats.ofNanos(serverSide.stream().mapToLong(ms -> ms * 1_000_000L)
                    .toArray());
            line("%-40s %6d %8.0f %8.0f %8.0f %8.2f %8.0f", "  the server's log of those (whole ms)", inside.count(),
                    inside.median(), inside.p90(), inside.p99(), inside.mean(), inside.max());
            row("server ping (SDK client)", floors.get(0));
            row("server ping (raw HTTP+SSE, no SDK)", floors.get(1));
            row("server tools/list (SDK client)", floors.get(2));

            LatencyStats directStats = samples.get(0).stats();
            LatencyStats serverStats = samples.get(names.size() - 1).stats();
            double medianOverhead = serverStats.median() - directStats.median();
            double p99Overhead = serverStats.p99() - directStats.p99();
            line("");
            line("Server overhead (tools/call minus direct spawn): median %+.2f ms, p99 %+.2f ms", medianOverhead,
                    p99Overhead);
            line("Target, median overhead under %.0f ms: %s", TARGET_OVERHEAD_MS,
                    medianOverhead < TARGET_OVERHEAD_MS ? "met" : String.format(Locale.ROOT, "missed by %.2f ms",
                            medianOverhead - TARGET_OVERHEAD_MS));
        }
    }

    private void row(String what, Samples samples) {
        LatencyStats stats = samples.stats();
        line("%-40s %6d %8.2f %8.2f %8.2f %8.2f %8.2f %7d", what, stats.count(), stats.median(), stats.p90(),
                stats.p99(), stats.mean(), stats.max(), samples.errors());
        noteErrors(what, samples);
    }

    /** The server's own durations of the measured calls (its log line follows the response, so wait a little). */
    private List<Integer> serverLoggedCalls(SmcpServerProcess server, int before) throws InterruptedException {
        int expected = before + options.warmup() + options.iterations();
        for (int i = 0; i < 40 && server.loggedCalls() < expected; i++) {
            Thread.sleep(50);
        }
        List<Integer> all = server.loggedCallMillis(before);
        return all.subList(Math.min(options.warmup(), all.size()), all.size());
    }

    private void throughput(SmcpServerProcess server, DirectCli direct) throws Exception {
        line("");
        line("Throughput: %d s warm-up, then %d s per level; each client calls back to back; latency in ms",
                options.warmupSeconds(), options.seconds());
        line("%-8s %-24s %9s %8s %8s %8s", "clients", "path", "calls/s", "median", "p99", "errors");
        for (int clients : options.concurrency()) {
            progress("load: " + clients + " server client(s)");
            List<ServerClient> connected = new ArrayList<>();
            try {
                List<TimedCall> calls = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    ServerClient client = new ServerClient(server.baseUrl());
                    connected.add(client);
                    calls.add(client::calculate);
                }
                loadRow(clients, "server tools/call (SSE)", calls);
            } finally {
                connected.forEach(ServerClient::close);
            }
            progress("load: " + clients + " direct spawner(s)");
            List<TimedCall> spawners = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                spawners.add(direct);
            }
            loadRow(clients, "direct spawn", spawners);
        }
    }

    private void loadRow(int clients, String what, List<TimedCall> calls) throws InterruptedException {
        CallRunner.LoadResult result = CallRunner.load(calls, options.warmupSeconds(), options.seconds());
        LatencyStats stats = result.samples().stats();
        line("%-8d %-24s %9.1f %8.2f %8.2f %8d", clients, what, result.callsPerSecond(), stats.median(),
                stats.p99(), result.samples().errors());
        noteErrors(clients + " x " + what, result.samples());
    }

    private void noteErrors(String what, Samples samples) {
        if (samples.errors() > 0) {
            errors.add(what + ": " + samples.errors() + " error(s)");
            samples.firstErrors().forEach(e -> errors.add("  " + e));
        }
    }

    private void machineFacts() {
        line("machine: %d cores%s, %s %s %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        line("java: %s %s (%s); the server runs on the same java", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"));
        line("python: %s", pythonFacts());
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> " (" + l.substring(l.indexOf(':') + 1).strip() + ")").orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Which python3 PATH finds (a launcher script such as a pyenv shim costs a lot per call), and what it runs. */
    private static String pythonFacts() {
        String found = "not on PATH";
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, PYTHON);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                found = candidate + (isScript(candidate) ? " (a script)" : "");
                break;
            }
        }
        try {
            Process process = new ProcessBuilder(PYTHON, "-c",
                    "import platform, sys; print('Python', platform.python_version(), 'at', sys.executable)")
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            String version;
            try (InputStream in = process.getInputStream()) {
                version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            process.waitFor();
            return PYTHON + " on PATH: " + found + " -> " + version;
        } catch (IOException e) {
            return PYTHON + " not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PYTHON + " on PATH: " + found;
        }
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private static void progress(String what) {
        System.err.println("[benchmark] " + what);
    }
}
