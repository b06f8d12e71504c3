package dev.smcp.benchmark;

import static dev.smcp.benchmark.Report.line;
import static dev.smcp.benchmark.Report.progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The call scenario: times {@code demo_math__calculate} through the real server (MCP Java SDK client over HTTP+SSE)
 * against running the same CLI directly, sequential latency first, then throughput at several concurrency levels.
 */
final class CallBenchmark {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final double TARGET_OVERHEAD_MS = 2.0;
    /** Pings before the measurements, so both JVMs have compiled the transport path. */
    private static final int TRANSPORT_WARMUP = 1000;

    private final BenchmarkOptions options;
    private final Report report;

    CallBenchmark(BenchmarkOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run() throws Exception {
        Path cli = options.pluginsDir().resolve(ExpectedResult.PLUGIN).resolve("cli.py");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("no " + cli + "; pass --plugins-dir=<repository>/plugins");
        }
        List<String> direct = List.of(Report.PYTHON, cli.toString(), ExpectedResult.COMMAND, "--operation=add",
                "--a=2", "--b=3");
        line("");
        line("== calls: %s %s", ExpectedResult.TOOL, ExpectedResult.JSON);
        line("direct command: %s", String.join(" ", direct));
        progress("starting the server from " + options.distribution());
        try (SmcpServerProcess server = SmcpServerProcess.start(options.distribution(), options.pluginsDir(),
                List.of())) {
            line("server: %s/sse, plugins %s", server.baseUrl(), options.pluginsDir());
            sequential(server, direct);
            throughput(server, new DirectCli(direct));
        }
        line("load average after the scenario: %s", Report.loadAverage());
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
        report.errors(what, samples);
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
        report.errors(clients + " x " + what, result.samples());
    }
}
