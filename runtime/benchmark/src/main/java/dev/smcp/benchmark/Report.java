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

/** Figures to stdout, progress to stderr, and the errors of every scenario, which make the run exit with 1. */
final class Report {

    /** The server's default interpreter, looked up on PATH by the server and the harness alike. */
    static final String PYTHON = "python3";
    private static final int PYTHON_STARTS = 7;

    private final List<String> errors = new ArrayList<>();

    void error(String what) {
        errors.add(what);
    }

    /** Notes the errors of a measurement, with the first messages. */
    void errors(String what, Samples samples) {
        if (samples.errors() > 0) {
            errors.add(what + ": " + samples.errors() + " error(s)");
            samples.firstErrors().forEach(e -> errors.add("  " + e));
        }
    }

    /** Prints the errors noted so far; @return whether there were any */
    boolean printErrors() {
        if (errors.isEmpty()) {
            return false;
        }
        System.out.println();
        System.out.println("ERRORS (first ones per measurement):");
        errors.forEach(e -> System.out.println("  " + e));
        return true;
    }

    static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static void progress(String what) {
        System.err.println("[benchmark] " + what);
    }

    static void machineFacts() {
        line("machine: %d cores%s, %s %s %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        line("java: %s %s (%s); the server runs on the same java", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"));
        line("python: %s", pythonFacts());
        line("python start-up (python3 -c pass, every start pays it): %s", pythonStartup());
        line("load average at the start: %s", loadAverage());
    }

    /**
     * @return the 1, 5 and 15 minute load averages of the machine, which tell whether other work shared the cores
     *         during a measurement
     */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields.length >= 3 ? String.join(" ", fields[0], fields[1], fields[2]) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
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

    /** @return the median wall time of a few {@code python3 -c pass}, or why it could not be measured */
    private static String pythonStartup() {
        long[] nanos = new long[PYTHON_STARTS];
        try {
            for (int i = 0; i < nanos.length; i++) {
                long started = System.nanoTime();
                Process process = new ProcessBuilder(PYTHON, "-c", "pass").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                process.getOutputStream().close();
                process.waitFor();
                nanos[i] = System.nanoTime() - started;
            }
        } catch (IOException e) {
            return "not runnable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        return String.format(Locale.ROOT, "median %.1f ms of %d", LatencyStats.ofNanos(nanos).median(),
                PYTHON_STARTS);
    }

    private static boolean isScript(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }
}
