package dev.smcp.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run, from {@code --name=value} arguments; a later argument wins over an earlier one.
 *
 * @param scenarios the scenarios to run, in this order: {@code calls}, {@code appearance}, {@code startup}
 * @param distribution the built distribution folder (holds {@code smcp.jar})
 * @param pluginsDir the plugins directory the call scenario serves, and where the demo plugin copied by the other
 *        scenarios comes from
 * @param warmup calls before each sequential measurement
 * @param iterations measured sequential calls
 * @param warmupSeconds load before each throughput measurement
 * @param seconds measured load per concurrency level
 * @param concurrency the concurrency levels
 * @param rounds plugins added and removed by the appearance scenario
 * @param deadlineSeconds how long the appearance scenario waits for each change to be noticed
 * @param plugins plugins generated for the startup scenario
 * @param starts measured starts of each startup variant
 * @param startDeadlineSeconds how long the startup scenario waits for a start to complete
 * @param startupProcesses the {@code --max-plugin-processes} values of the startup variants, {@code null} for the
 *        launcher's default
 */
record BenchmarkOptions(List<String> scenarios, Path distribution, Path pluginsDir, int warmup, int iterations,
        int warmupSeconds, int seconds, List<Integer> concurrency, int rounds, int deadlineSeconds, int plugins,
        int starts, int startDeadlineSeconds, List<Integer> startupProcesses) {

    static final String CALLS = "calls";
    static final String APPEARANCE = "appearance";
    static final String STARTUP = "startup";
    private static final List<String> ALL = List.of(CALLS, APPEARANCE, STARTUP);

    static final String USAGE = """
            usage: Benchmark [--scenario=calls|appearance|startup|all[,...]] [--distribution=DIR] [--plugins-dir=DIR]
              calls:      [--warmup=N] [--iterations=N] [--warmup-seconds=S] [--seconds=S] [--concurrency=1,8,32]
              appearance: [--rounds=N] [--deadline-seconds=S]
              startup:    [--plugins=N] [--starts=N] [--start-deadline-seconds=S] [--startup-processes=default,1]
            defaults: calls, runtime/distribution/target/smcp, plugins; 50, 300, 3, 10, 1,8,32; 10, 30; 100, 3, 180,
            default,1 (a variant per value: "default" starts without --max-plugin-processes, N with that flag).
            python3 is the one on PATH, for the server and the direct runs alike.""";

    /** @return whether the scenario was selected */
    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    static BenchmarkOptions parse(String... args) {
        List<String> scenarios = List.of(CALLS);
        Path distribution = Path.of("runtime/distribution/target/smcp");
        Path pluginsDir = Path.of("plugins");
        int warmup = 50;
        int iterations = 300;
        int warmupSeconds = 3;
        int seconds = 10;
        List<Integer> concurrency = List.of(1, 8, 32);
        int rounds = 10;
        int deadlineSeconds = 30;
        int plugins = 100;
        int starts = 3;
        int startDeadlineSeconds = 180;
        List<Integer> startupProcesses = new ArrayList<>();
        startupProcesses.add(null);
        startupProcesses.add(1);
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
                case "scenario" -> scenarios = scenarios(value);
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
                case "rounds" -> rounds = count(name, value, 1);
                case "deadline-seconds" -> deadlineSeconds = count(name, value, 1);
                case "plugins" -> plugins = count(name, value, 0);
                case "starts" -> starts = count(name, value, 1);
                case "start-deadline-seconds" -> startDeadlineSeconds = count(name, value, 1);
                case "startup-processes" -> {
                    startupProcesses = new ArrayList<>();
                    for (String variant : value.split(",")) {
                        String v = variant.strip();
                        startupProcesses.add(v.equals("default") ? null : count(name, v, 1));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        if (plugins > 1000) {
            throw new IllegalArgumentException("--plugins needs at most 1000 (names p000 to p999): " + plugins);
        }
        return new BenchmarkOptions(scenarios, distribution.toAbsolutePath().normalize(),
                pluginsDir.toAbsolutePath().normalize(), warmup, iterations, warmupSeconds, seconds, concurrency,
                rounds, deadlineSeconds, plugins, starts, startDeadlineSeconds,
                Collections.unmodifiableList(startupProcesses));
    }

    private static List<String> scenarios(String value) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String scenario = part.strip();
            if (scenario.equals("all")) {
                chosen.addAll(ALL);
            } else if (ALL.contains(scenario)) {
                chosen.add(scenario);
            } else {
                throw new IllegalArgumentException("--scenario: unknown scenario '" + scenario + "' (one of "
                        + String.join(", ", ALL) + ", all)");
            }
        }
        return ALL.stream().filter(chosen::contains).toList();
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
