package dev.smcp.benchmark;

import java.util.List;

/**
 * The harness's entry point: runs the scenarios chosen with {@code --scenario} (the call benchmark by default)
 * against the real distribution and prints figures for this machine (docs/performance.md). A harness, not a test:
 * figures go to stdout, progress to stderr, and it exits 1 only if something failed (a wrong result, a server that
 * would not start), never because a figure misses its target.
 */
public final class Benchmark {

    private Benchmark() {
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
        Report report = new Report();
        Report.line("SMCP benchmark: %s", String.join(", ", options.scenarios()));
        Report.machineFacts();
        if (options.runs(BenchmarkOptions.CALLS)) {
            new CallBenchmark(options, report).run();
        }
        if (options.runs(BenchmarkOptions.APPEARANCE)) {
            new AppearanceBenchmark(options, report).run();
        }
        if (options.runs(BenchmarkOptions.STARTUP)) {
            new StartupBenchmark(options, report).run();
        }
        System.exit(report.printErrors() ? 1 : 0);
    }
}
