package dev.smcp.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to run, from {@code --name=value} arguments; a later argument wins over an earlier one.
 *
 * @param distribution the built distribution folder (holds {@code smcp.jar})
 * @param pluginsDir the plugins directory the server serves and the direct runs use
 * @param warmup calls before each sequential measurement
 * @param iterations measured sequential calls
 * @param warmupSeconds load before each throughput measurement
 * @param seconds measured load per concurrency level
 * @param concurrency the concurrency levels
 */
record BenchmarkOptions(Path distribution, Path pluginsDir, int warmup, int iterations,
        int warmupSeconds, int seconds, List<Integer> concurrency) {

    static final String USAGE = """
            usage: CallBenchmark [--distribution=DIR] [--plugins-dir=DIR] [--warmup=N] [--iterations=N]
                                 [--warmup-seconds=S] [--seconds=S] [--concurrency=1,8,32]
            defaults: runtime/distribution/target/smcp, plugins, 50, 300, 3, 10, 1,8,32
            python3 is the one on PATH, for the server and the direct runs alike.""";

    static BenchmarkOptions parse(String... args) {
        Path distribution = Path.of("runtime/distribution/target/smcp");
        Path pluginsDir = Path.of("plugins");
        int warmup = 50;
        int iterations = 300;
        int warmupSeconds = 3;
        int seconds = 10;
        List<Integer> concurrency = List.of(1, 8, 32);
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --name=value: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            switch (name) {
                case "distribution" -> distribution = Path.of(value);
                case "plugins-dir" -> pluginsDir = Path.of(value);
                case "warmup" -> warmup = count(name, value, 0);
                case "iterations" -> iterations = count(name, value, 1);
                case "warmup-seconds" -> warmupSeconds = count(name, value, 0);
                case "seconds" -> seconds = count(name, value, 1);
                case "concurrency" -> {
                    List<Integer> levels = new ArrayList<>();
                    for (String level : value.split(",")) {
                        levels.add(count(name, level.strip(), 1));
                    }
                    concurrency = List.copyOf(levels);
                }
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return new BenchmarkOptions(distribution.toAbsolutePath().normalize(), pluginsDir.toAbsolutePath().normalize(),
                warmup, iterations, warmupSeconds, seconds, concurrency);
    }

    private static int count(String name, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + " needs a whole number >= " + min + ": " + value);
    }
}
