package dev.smcp.benchmark;

import static dev.smcp.benchmark.Report.line;
import static dev.smcp.benchmark.Report.progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The appearance scenario: how long after a plugin directory is copied into (or deleted from) the plugins directory
 * of a running server its tool appears (disappears) for a connected client. Only observable behaviour counts: the
 * {@code notifications/tools/list_changed} a raw SSE session receives, the first {@code tools/call} of the new tool
 * that succeeds, and the first {@code tools/list} without the removed one (both through an SDK client that keeps its
 * session). Each wait has a deadline; a change nothing noticed is reported as "not detected".
 */
final class AppearanceBenchmark {

    /** Pause between two polls: the resolution of the call and list figures. */
    private static final long POLL_MILLIS = 20;
    /** How long no notification must come before the next change, so that none is counted for the wrong one. */
    private static final long QUIET_MILLIS = 500;
    private static final long QUIET_LIMIT_MILLIS = 10_000;
    private static final double TARGET_MS = 1000;

    private final BenchmarkOptions options;
    private final Report report;

    AppearanceBenchmark(BenchmarkOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    /** Latencies of one measurement over the rounds, in nanoseconds; rounds where it was not detected count apart. */
    private static final class Figures {
        final String what;
        final List<Long> nanos = new ArrayList<>();
        int attempts;

        Figures(String what) {
            this.what = what;
        }

        void add(OptionalLong latency) {
            attempts++;
            latency.ifPresent(nanos::add);
        }
    }

    void run() throws Exception {
        Path template = options.pluginsDir().resolve(ExpectedResult.PLUGIN);
        if (!Files.isRegularFile(template.resolve("cli.py"))) {
            throw new IllegalStateException("no " + template.resolve("cli.py")
                    + "; pass --plugins-dir=<repository>/plugins");
        }
        line("");
        line("== appearance: %d rounds; each copies %s as appear_rNN into the empty plugins directory of a running"
                + " server, then deletes it", options.rounds(), template);
        Figures addedNotification = new Figures("added: tools/list_changed received");
        Figures addedCall = new Figures("added: first successful tools/call");
        Figures removedNotification = new Figures("removed: tools/list_changed received");
        Figures removedList = new Figures("removed: gone from tools/list");
        String skipped = null;
        Path work = Files.createTempDirectory("smcp-benchmark-appearance-");
        try {
            Path plugins = Files.createDirectory(work.resolve("plugins"));
            progress("starting the server on the empty plugins directory " + plugins);
            try (SmcpServerProcess server = SmcpServerProcess.start(options.distribution(), plugins, List.of());
                    ServerClient client = new ServerClient(server.baseUrl());
                    RawSseClient listener = new RawSseClient(server.baseUrl())) {
                line("server: %s/sse, plugins %s", server.baseUrl(), plugins);
                for (int round = 0; round < options.rounds(); round++) {
                    String name = String.format(Locale.ROOT, "appear_r%02d", round);
                    String tool = name + "__" + ExpectedResult.COMMAND;
                    Path directory = plugins.resolve(name);

                    awaitQuiet(listener);
                    PluginFiles.copy(template, directory);
                    long copied = System.nanoTime();
                    long deadline = copied + TimeUnit.SECONDS.toNanos(options.deadlineSeconds());
                    Poll call = poll(deadline, () -> client.calculate(tool));
                    OptionalLong notified = since(copied, listener.nextListChanged(deadline));
                    addedCall.add(call.latency(copied));
                    addedNotification.add(notified);
                    progress(String.format(Locale.ROOT, "round %d: %s added: notification %s, tools/call %s%s",
                            round + 1, name, text(notified), text(call.latency(copied)),
                            call.succeeded() ? "" : " (last failure: " + call.lastProblem() + ")"));
                    boolean listed = call.succeeded() || client.toolNames().contains(tool);
                    if (listed && !call.succeeded()) {
                        report.error("appearance round " + (round + 1) + ": " + tool + " is listed but no call"
                                + " succeeded within " + options.deadlineSeconds() + " s; last: " + call.lastProblem());
                    }
                    if (!listed) {
                        PluginFiles.delete(directory);
                        if (notified.isEmpty()) {
                            skipped = String.format(Locale.ROOT, "Nothing noticed %s within %d s in round %d (no"
                                    + " notification; tools/call last failed with: %s), so the remaining rounds"
                                    + " were skipped.", name, options.deadlineSeconds(), round + 1,
                                    call.lastProblem());
                            break;
                        }
                        report.error("appearance round " + (round + 1) + ": a notification came but " + tool
                                + " was neither callable nor listed within " + options.deadlineSeconds() + " s");
                        continue;
                    }

                    awaitQuiet(listener);
                    PluginFiles.delete(directory);
                    long deleted = System.nanoTime();
                    deadline = deleted + TimeUnit.SECONDS.toNanos(options.deadlineSeconds());
                    Poll gone = poll(deadline, () -> client.toolNames().contains(tool) ? "still listed" : null);
                    OptionalLong removed = since(deleted, listener.nextListChanged(deadline));
                    removedList.add(gone.latency(deleted));
                    removedNotification.add(removed);
                    progress(String.format(Locale.ROOT, "round %d: %s removed: notification %s, gone from"
                            + " tools/list %s", round + 1, name, text(removed), text(gone.latency(deleted))));
                }
                awaitQuiet(listener); // lets the SDK client finish the tools/list it sends on a notification
            }
        } finally {
            PluginFiles.delete(work);
        }

        line("");
        line("Plugin appearance latency in ms, from the end of the copy (or of the deletion); deadline %d s per wait,"
                + " polls every %d ms", options.deadlineSeconds(), POLL_MILLIS);
        line("%-40s %9s %8s %8s %8s %11s", "what", "detected", "median", "p90", "max", "under 1 s");
        for (Figures figures : List.of(addedNotification, addedCall, removedNotification, removedList)) {
            row(figures);
        }
        if (skipped != null) {
            line(skipped);
        }
        line("load average after the scenario: %s", Report.loadAverage());
    }

    private static void row(Figures figures) {
        String detected = figures.nanos.size() + "/" + figures.attempts;
        if (figures.nanos.isEmpty()) {
            line("%-40s %9s %s", figures.what, detected, figures.attempts == 0 ? "not measured" : "not detected");
            return;
        }
        LatencyStats stats = LatencyStats.ofNanos(figures.nanos.stream().mapToLong(Long::longValue).toArray());
        long under = figures.nanos.stream().filter(n -> n / 1e6 < TARGET_MS).count();
        line("%-40s %9s %8.0f %8.0f %8.0f %11s", figures.what, detected, stats.median(), stats.p90(), stats.max(),
                under + "/" + figures.attempts);
    }

    /**
     * Waits until no list_changed notification has come for {@link #QUIET_MILLIS} (at most
     * {@link #QUIET_LIMIT_MILLIS}), so that late notifications of one change are not counted for the next.
     */
    private static void awaitQuiet(RawSseClient listener) throws InterruptedException {
        long limit = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIET_LIMIT_MILLIS);
        while (System.nanoTime() < limit && listener.nextListChanged(System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)).isPresent()) {
            // a notification came: wait for quiet again
        }
        listener.clearListChanged();
    }

    /** What a poll found: when the check first passed ({@link System#nanoTime()}), or the last failure. */
    private record Poll(OptionalLong passed, String lastProblem) {

        boolean succeeded() {
            return passed.isPresent();
        }

        OptionalLong latency(long from) {
            return since(from, passed);
        }
    }

    /** Runs the check back to back with {@link #POLL_MILLIS} pauses until it passes or the deadline is reached. */
    private static Poll poll(long deadline, TimedCall check) throws InterruptedException {
        String problem = "not tried";
        while (System.nanoTime() < deadline) {
            try {
                problem = check.call();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                problem = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            if (problem == null) {
                return new Poll(OptionalLong.of(System.nanoTime()), null);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return new Poll(OptionalLong.empty(), problem);
    }

    private static OptionalLong since(long from, OptionalLong at) {
        return at.isPresent() ? OptionalLong.of(at.getAsLong() - from) : OptionalLong.empty();
    }

    private static String text(OptionalLong nanos) {
        return nanos.isPresent() ? String.format(Locale.ROOT, "%.0f ms", nanos.getAsLong() / 1e6) : "not detected";
    }
}
