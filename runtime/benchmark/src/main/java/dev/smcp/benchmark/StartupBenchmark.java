package dev.smcp.benchmark;

import static dev.smcp.benchmark.Report.line;
import static dev.smcp.benchmark.Report.progress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The startup scenario: the server started on a directory of generated plugins (copies of {@code demo_math} named
 * {@code p000}, {@code p001}, ...), timed from the process start to the launcher's ready line and to the first
 * {@code tools/list} that holds every tool of every plugin (polled over a raw SSE session from the moment the port
 * accepts connections). Variants: a baseline without plugins, and one per {@code --max-plugin-processes} value
 * asked for (the process slots that tool calls and probes share); the starts rotate over the variants.
 */
final class StartupBenchmark {

    /** Pause between two {@code tools/list} polls (each lists up to some hundred tools, on the same two cores). */
    private static final long POLL_MILLIS = 100;
    private static final long CONNECT_POLL_MILLIS = 20;
    /** The reference runs of the probes without the server: one at a time, and as many as the default probe pool. */
    private static final int[] DIRECT_PROBE_PARALLELISM = {1, 4};

    private final BenchmarkOptions options;
    private final Report report;

    StartupBenchmark(BenchmarkOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** One way of starting: a plugins directory, the tools it must list, and further launcher flags. */
    private record Variant(String label, Path plugins, Set<String> tools, List<String> arguments) {
    }

    /** One start's figures in nanoseconds from the process start; -1 where the start did not get there. */
    private record Start(long sseUp, long ready, long listed, long stopped, boolean stillProbing) {
    }

    void run() throws Exception {
        Path template = options.pluginsDir().resolve(ExpectedResult.PLUGIN);
        if (!Files.isRegularFile(template.resolve("cli.py"))) {
            throw new IllegalStateException("no " + template.resolve("cli.py")
                    + "; pass --plugins-dir=<repository>/plugins");
        }
        List<String> commands = PluginFiles.describedCommands(template);
        line("");
        line("== startup: %d copies of %s (%d tools each: %s) as p000..; %d measured starts per variant after one"
                + " unmeasured start", options.plugins(), template, commands.size(), String.join(", ", commands),
                options.starts());
        Path work = Files.createTempDirectory("smcp-benchmark-startup-");
        try {
            Path empty = Files.createDirectory(work.resolve("empty"));
            Path many = Files.createDirectory(work.resolve("plugins"));
            Set<String> tools = new HashSet<>();
            List<Path> generated = new ArrayList<>();
            for (int i = 0; i < options.plugins(); i++) {
                String name = String.format(Locale.ROOT, "p%03d", i);
                generated.add(many.resolve(name));
                PluginFiles.copy(template, many.resolve(name));
                commands.forEach(c -> tools.add(name + "__" + c));
            }
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("0 plugins (baseline)", empty, Set.of(), List.of()));
            for (Integer processes : options.startupProcesses()) {
                variants.add(processes == null
                        ? new Variant(options.plugins() + " plugins", many, tools, List.of())
                        : new Variant(options.plugins() + " plugins, --max-plugin-processes=" + processes, many,
                                tools, List.of("--max-plugin-processes=" + processes)));
            }
            Variant warmup = variants.get(variants.size() > 1 ? 1 : 0);
            progress("unmeasured start: " + warmup.label());
            measure(warmup);
            List<List<Start>> starts = new ArrayList<>();
            variants.forEach(v -> starts.add(new ArrayList<>()));
            for (int round = 0; round < options.starts(); round++) {
                for (int k = 0; k < variants.size(); k++) {
                    int index = (round + k) % variants.size();
                    progress("start " + (round + 1) + "/" + options.starts() + ": " + variants.get(index).label());
                    starts.get(index).add(measure(variants.get(index)));
                }
            }

            line("");
            line("Startup in ms from the process start; median (min-max) of %d starts; tools/list polled every %d ms",
                    options.starts(), POLL_MILLIS);
            line("%-52s %-22s %-22s %-22s %-18s", "variant", "ready line", "all tools listed", "SSE session open",
                    "stop (SIGTERM)");
            for (int i = 0; i < variants.size(); i++) {
                List<Start> measured = starts.get(i);
                line("%-52s %-22s %-22s %-22s %-18s", variants.get(i).label() + " (" + variants.get(i).tools().size()
                        + " tools)", summary(measured, Start::ready), summary(measured, Start::listed),
                        summary(measured, Start::sseUp), summary(measured, Start::stopped));
                long probing = measured.stream().filter(Start::stillProbing).count();
                if (probing > 0) {
                    line("  %d of these ready lines said \"(still being probed)\"", probing);
                }
            }
            if (!generated.isEmpty()) {
                line("");
                line("For comparison, python3 cli.py --describe of all %d plugins run from the harness, without the"
                        + " server:", generated.size());
                for (int parallel : DIRECT_PROBE_PARALLELISM) {
                    progress("direct --describe of " + generated.size() + " plugins, " + parallel + " at once");
                    line("  %d at once: %.0f ms", parallel, directProbes(generated, parallel) / 1e6);
                }
            }
            line("load average after the scenario: %s", Report.loadAverage());
        } finally {
            PluginFiles.delete(work);
        }
    }

    /**
     * Runs every plugin's {@code --describe} from the harness, so many at once: what probing them costs without the
     * server.
     *
     * @return the wall time in nanoseconds
     */
    private static long directProbes(List<Path> plugins, int parallel) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            long started = System.nanoTime();
            List<Future<byte[]>> runs = new ArrayList<>();
            for (Path plugin : plugins) {
                runs.add(pool.submit(() -> PluginFiles.describe(plugin)));
            }
            for (Future<byte[]> run : runs) {
                run.get();
            }
            return System.nanoTime() - started;
        } finally {
            pool.shutdownNow();
        }
    }

    private Start measure(Variant variant) throws Exception {
        SmcpServerProcess server = SmcpServerProcess.launch(options.distribution(), variant.plugins(),
                variant.arguments());
        long started = server.startedNanos();
        long deadline = started + TimeUnit.SECONDS.toNanos(options.startDeadlineSeconds());
        long sseUp = -1;
        long listed = -1;
        long ready = -1;
        long stopped;
        try {
            RawSseClient client = connect(server, deadline);
            if (client != null) {
                sseUp = System.nanoTime() - started;
                try (client) {
                    Set<String> seen = Set.of();
                    while (System.nanoTime() < deadline) {
                        seen = client.toolNames();
                        if (seen.containsAll(variant.tools())) {
                            listed = System.nanoTime() - started;
                            break;
                        }
                        Thread.sleep(POLL_MILLIS);
                    }
                    if (listed < 0) {
                        Set<String> missing = new HashSet<>(variant.tools());
                        missing.removeAll(seen);
                        report.error(variant.label() + ": " + missing.size() + " of " + variant.tools().size()
                                + " tools still missing from tools/list after " + options.startDeadlineSeconds()
                                + " s");
                    }
                }
            } else {
                report.error(variant.label() + ": no SSE session within " + options.startDeadlineSeconds()
                        + " s; log:\n" + server.log());
            }
            if (server.awaitReady(deadline)) {
                ready = server.readyNanos() - started;
            } else {
                report.error(variant.label() + ": no ready line within " + options.startDeadlineSeconds() + " s");
            }
        } finally {
            long stopping = System.nanoTime();
            server.close();
            stopped = System.nanoTime() - stopping;
        }
        String readyLine = server.readyLine();
        Start start = new Start(sseUp, ready, listed, stopped,
                readyLine != null && readyLine.contains("still being probed"));
        progress(String.format(Locale.ROOT, "  ready %s, all tools listed %s, SSE session %s, stop %s",
                millis(start.ready()), millis(start.listed()), millis(start.sseUp()), millis(start.stopped())));
        return start;
    }

    /**
     * Waits for the port to accept a connection, then opens an SSE session (the servlet may come a little after the
     * port); {@code null} when the deadline passes or the server exits first.
     */
    private static RawSseClient connect(SmcpServerProcess server, long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline && server.exitCode() < 0) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port), 1000);
            } catch (IOException e) {
                Thread.sleep(CONNECT_POLL_MILLIS);
                continue;
            }
            try {
                return new RawSseClient(server.baseUrl());
            } catch (IOException e) {
                Thread.sleep(CONNECT_POLL_MILLIS);
            }
        }
        return null;
    }

    private static String summary(List<Start> starts, ToLongFunction<Start> figure) {
        long[] values = starts.stream().mapToLong(figure).filter(n -> n >= 0).toArray();
        if (values.length == 0) {
            return "not reached";
        }
        LatencyStats stats = LatencyStats.ofNanos(values);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)%s", stats.median(), sorted[0] / 1e6, stats.max(),
                values.length < starts.size() ? " " + values.length + "/" + starts.size() : "");
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "not reached" : String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }
}
