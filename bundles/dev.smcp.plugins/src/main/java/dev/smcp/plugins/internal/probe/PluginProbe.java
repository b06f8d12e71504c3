package dev.smcp.plugins.internal.probe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.Cancellation;
import dev.smcp.api.exec.ExecRequest;
import dev.smcp.api.exec.ExecResult;
import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.plugins.internal.call.ResultMapper;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.ParameterDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.ProbeResult;

/**
 * Probes a plugin directory: finds its CLI, asks it {@code --describe} (contract v1) or falls back to scraping
 * {@code --help}, and returns the plugin's commands with their input schemas.
 * <p>
 * Thread-safe; each {@link #probe(Path)} runs its own child processes through the {@link ProcessExecutor}.
 */
public final class PluginProbe {

    private static final Logger LOG = LoggerFactory.getLogger(PluginProbe.class);

    /** What a plugin (directory) name must match. */
    public static final Pattern PLUGIN_NAME = Pattern.compile("^[A-Za-z0-9_-]+$");

    /** The longest plugin name that still leaves room for {@code __} and a one-character command. */
    public static final int MAX_PLUGIN_NAME = 64 - PluginDescriptor.TOOL_SEPARATOR.length() - 1;

    /** The most sub-command help runs at once while scraping one plugin. */
    static final int HELP_PARALLELISM = 4;

    /** Environment of every probe run: UTF-8 output, no colours, wide help (so argparse wraps less). */
    static final Map<String, String> PROBE_ENVIRONMENT = Map.of("PYTHONUNBUFFERED", "1", "PYTHONIOENCODING",
            "utf-8", "NO_COLOR", "1", "PYTHON_COLORS", "0", "COLUMNS", "1000");

    private static final int MAX_PROBE_STDERR = 64 * 1024;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ProcessExecutor executor;
    private final ProbeSettings settings;

    /**
     * @param executor runs the plugin's CLI
     * @param settings interpreter, timeout and output cap of probe runs
     */
    public PluginProbe(ProcessExecutor executor, ProbeSettings settings) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.settings = settings == null ? ProbeSettings.defaults() : settings;
    }

    /**
     * Probes a plugin directory. Never throws for faults of the plugin: they are the result's error, or warnings
     * of its descriptor.
     *
     * @param pluginDirectory the plugin directory; its file name is the plugin name
     * @return the descriptor, or why there is none
     */
    public ProbeResult probe(Path pluginDirectory) {
        Path directory = pluginDirectory.toAbsolutePath().normalize();
        String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
        try {
            ProbeResult result = probe(name, directory);
            if (result.error() != null) {
                // every failure message names the plugin; a directory name may hold control characters
                LOG.error("{}", result.error().replaceAll("\\p{Cntrl}", "?"));
            } else {
                LOG.debug("Plugin {} probed via {}: {} command(s), {} warning(s)", name, result.descriptor().source(),
                        result.descriptor().commands().size(), result.descriptor().warnings().size());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failed("Probing plugin " + name + " was interrupted");
        } catch (RuntimeException e) {
            LOG.warn("Probing plugin {} failed", name, e);
            return ProbeResult.failed("Probing plugin " + name + " failed: " + e);
        }
    }

    private ProbeResult probe(String name, Path directory) throws InterruptedException {
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            return ProbeResult.failed(nameProblem);
        }
        if (!Files.isDirectory(directory)) {
            return ProbeResult.failed("Plugin " + name + ": " + directory + " is not a directory");
        }
        List<String> launcher = launcher(directory);
        if (launcher == null) {
            return ProbeResult.failed("Plugin " + name + ": no cli.py or executable cli in " + directory);
        }
        List<String> warnings = new ArrayList<>();

        ExecResult describe = run(launcher, List.of("--describe"), directory);
        String failure = startFailure(name, describe);
        if (failure != null) {
            return ProbeResult.failed(failure);
        }
        Map<String, Object> spec = describeSpec(name, describe, warnings);
        if (spec != null) {
            List<String> violations = DescribeContract.validate(spec);
            if (!violations.isEmpty()) {
                return ProbeResult.failed("Plugin " + name + " violates the --describe contract v"
                        + DescribeContract.VERSION + " and was skipped: " + String.join("; ", violations));
            }
            List<CommandDescriptor> commands = DescribeReader.read(name, spec, warnings);
            return ProbeResult.of(new PluginDescriptor(name, directory, launcher, PluginDescriptor.SOURCE_DESCRIBE,
                    commands, warnings));
        }
        return scrapeHelp(name, directory, launcher, warnings);
    }

    /**
     * @return the plugin name's problem, or {@code null} when every tool name built from it can be valid
     */
    static String nameProblem(String name) {
        if (name.isEmpty() || !PLUGIN_NAME.matcher(name).matches()) {
            return "Plugin name '" + name + "' is invalid: only letters, digits, '_' and '-' are allowed"
                    + " (it becomes part of tool names)";
        }
        if (name.contains(PluginDescriptor.TOOL_SEPARATOR) || name.endsWith("_")) {
            return "Plugin name '" + name + "' is invalid: it must not contain '__' nor end with '_'"
                    + " (the separator between plugin and command in tool names)";
        }
        if (name.length() > MAX_PLUGIN_NAME) {
            return "Plugin name '" + name + "' is invalid: it is " + name.length() + " characters long, but tool names"
                    + " '<plugin>__<command>' must not exceed 64 characters";
        }
        return null;
    }

    /** {@code [python, /abs/cli.py]}, or {@code [/abs/cli]} for an executable {@code cli}, or {@code null}. */
    private List<String> launcher(Path directory) {
        Path script = directory.resolve("cli.py");
        if (Files.isRegularFile(script)) {
            return List.of(settings.python(), script.toString());
        }
        Path executable = directory.resolve("cli");
        if (Files.isRegularFile(executable) && Files.isExecutable(executable)) {
            return List.of(executable.toString());
        }
        return null;
    }

    private ExecResult run(List<String> launcher, List<String> arguments, Path directory)
            throws InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(arguments);
        ExecRequest request = new ExecRequest(command, directory, PROBE_ENVIRONMENT, settings.probeTimeout(),
                settings.maxProbeOutputBytes(), MAX_PROBE_STDERR);
        return executor.execute(request, Cancellation.NEVER);
    }

    /** @return why the plugin cannot be probed at all, or {@code null} */
    private static String startFailure(String name, ExecResult result) {
        return switch (result.outcome()) {
            case FAILED_TO_START -> "Plugin " + name + " could not be started: " + detail(result);
            case REJECTED -> "Plugin " + name + " could not be probed: the process executor is busy ("
                    + detail(result) + ")";
            case CANCELLED -> "Probing plugin " + name + " was cancelled";
            default -> null;
        };
    }

    private static String detail(ExecResult result) {
        return result.detail() == null ? "no details" : result.detail();
    }

    /**
     * Decides what {@code --describe} said. As upstream: a failed run, output that is not JSON, or JSON that is
     * not an object with a {@code commands} list means "no describe support" ({@code null}: scrape help). Better
     * than upstream: an object that declares {@code contract_version} is validated even without
     * {@code commands}, so a broken describe is reported instead of silently ignored.
     */
    private Map<String, Object> describeSpec(String name, ExecResult result, List<String> warnings) {
        switch (result.outcome()) {
            case TIMED_OUT -> {
                warnings.add("--describe timed out after " + ResultMapper.seconds(settings.probeTimeout())
                        + " seconds; commands were scraped from --help");
                return null;
            }
            case OUTPUT_TOO_LARGE -> {
                warnings.add("--describe wrote more than " + settings.maxProbeOutputBytes()
                        + " bytes; commands were scraped from --help");
                return null;
            }
            default -> {
                // EXITED
            }
        }
        if (result.exitCode() != 0) {
            LOG.debug("Plugin {}: --describe exited with {}; scraping --help", name, result.exitCode());
            return null;
        }
        Object parsed = Json.parseOrNull(new String(result.stdout(), StandardCharsets.UTF_8).strip());
        if (!(parsed instanceof Map<?, ?>)) {
            LOG.debug("Plugin {}: --describe printed no JSON object; scraping --help", name);
            return null;
        }
        Map<String, Object> spec = Json.asObject(parsed);
        if (spec.get("commands") instanceof List<?> || spec.containsKey("contract_version")) {
            return spec;
        }
        LOG.debug("Plugin {}: --describe printed JSON without a 'commands' list; scraping --help", name);
        return null;
    }

    private ProbeResult scrapeHelp(String name, Path directory, List<String> launcher, List<String> warnings)
            throws InterruptedException {
        ExecResult help = run(launcher, List.of("--help"), directory);
        String failure = startFailure(name, help);
        if (failure != null) {
            return ProbeResult.failed(failure);
        }
        boolean helped = help.outcome() == ExecResult.Outcome.EXITED && help.exitCode() == 0;
        if (!helped) {
            // neither --describe nor --help works: a broken CLI (a syntax error, a missing module), not a quiet one
            String stderr = lastLine(help.stderr());
            return ProbeResult.failed("Plugin " + name + " could not be probed: --describe and --help both failed ("
                    + outcome(help) + ")" + (stderr.isEmpty() ? "" : ": " + stderr));
        }
        String text = new String(help.stdout(), StandardCharsets.UTF_8);
        List<HelpParser.CommandEntry> entries = HelpParser.epilogCommands(text);
        if (entries.isEmpty()) {
            entries = HelpParser.subparserCommands(text);
        }
        Set<String> argparseCommands = new HashSet<>(HelpParser.subparserChoices(text));
        List<HelpParser.CommandEntry> accepted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HelpParser.CommandEntry entry : entries) {
            String problem = DescribeContract.COMMAND_NAME.matcher(entry.name()).matches()
                    ? DescribeReader.commandNameProblem(name, entry.name(), seen)
                    : "Command '" + entry.name() + "' skipped: it must match " + DescribeContract.COMMAND_NAME.pattern();
            if (problem != null) {
                warnings.add(problem);
                continue;
            }
            seen.add(entry.name());
            accepted.add(entry);
        }
        if (accepted.isEmpty()) {
            warnings.add("No commands discovered via help scraping");
        }

        Map<String, ExecResult> helps = commandHelps(launcher, directory, accepted, argparseCommands);
        List<CommandDescriptor> commands = new ArrayList<>();
        for (HelpParser.CommandEntry entry : accepted) {
            CommandDescriptor command = scrapedCommand(name, entry, helps.get(entry.name()), warnings);
            if (command != null) {
                commands.add(command);
            }
        }
        return ProbeResult.of(new PluginDescriptor(name, directory, launcher, PluginDescriptor.SOURCE_HELP, commands,
                warnings));
    }

    /**
     * Runs {@code <command> --help} for the commands argparse itself lists as sub-commands, a few at a time. Only
     * those: a CLI that is not argparse might run a command instead of describing it.
     */
    private Map<String, ExecResult> commandHelps(List<String> launcher, Path directory,
            List<HelpParser.CommandEntry> commands, Set<String> argparseCommands) throws InterruptedException {
        List<String> names = commands.stream().map(HelpParser.CommandEntry::name).filter(argparseCommands::contains)
                .toList();
        Map<String, ExecResult> results = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(HELP_PARALLELISM, names.size()), r -> {
            Thread thread = new Thread(r, "smcp-probe-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<ExecResult>> futures = new LinkedHashMap<>();
            for (String command : names) {
                futures.put(command, pool.submit(() -> run(launcher, List.of(command, "--help"), directory)));
            }
            for (Map.Entry<String, Future<ExecResult>> future : futures.entrySet()) {
                try {
                    results.put(future.getKey(), future.getValue().get());
                } catch (ExecutionException e) {
                    LOG.debug("Help of {} failed", future.getKey(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CommandDescriptor scrapedCommand(String plugin, HelpParser.CommandEntry entry, ExecResult help,
            List<String> warnings) {
        String name = entry.name();
        String fallbackDescription = entry.description() == null || entry.description().isBlank()
                ? DescribeReader.defaultDescription(plugin, name) : entry.description();
        if (help == null || help.outcome() != ExecResult.Outcome.EXITED || help.exitCode() != 0) {
            if (help != null) {
                warnings.add("Command '" + name + "': '" + name + " --help' failed (" + outcome(help)
                        + "); its parameters are unknown and any argument is passed through");
            }
            return new CommandDescriptor(name, fallbackDescription, List.of(), SchemaBuilder.build(List.of(), false));
        }
        HelpParser.CommandHelp parsed = HelpParser.parseCommandHelp(new String(help.stdout(), StandardCharsets.UTF_8),
                name);
        if (!parsed.requiredPositionals().isEmpty()) {
            warnings.add("Command '" + name + "' skipped: it needs positional argument(s) "
                    + String.join(", ", parsed.requiredPositionals())
                    + ", which cannot be passed as --name=value options");
            return null;
        }
        if (!parsed.optionalPositionals().isEmpty()) {
            warnings.add("Command '" + name + "': optional positional argument(s) "
                    + String.join(", ", parsed.optionalPositionals()) + " cannot be passed and are left out");
        }
        for (String note : parsed.notes()) {
            warnings.add("Command '" + name + "': " + note);
        }
        List<ParameterDescriptor> parameters = new ArrayList<>();
        Set<String> flags = new HashSet<>();
        for (ParameterDescriptor parameter : parsed.parameters()) {
            if (flags.add(parameter.name().replace('-', '_'))) {
                parameters.add(parameter);
            } else {
                warnings.add("Command '" + name + "': option --" + parameter.name()
                        + " skipped: same name as an earlier option once '-' and '_' are treated alike");
            }
        }
        String description = parsed.description() != null ? parsed.description() : fallbackDescription;
        return new CommandDescriptor(name, description, parameters, SchemaBuilder.build(parameters, false));
    }

    /** @return the last non-blank line of a process's output, at most 200 characters */
    private static String lastLine(byte[] output) {
        String[] lines = new String(output, StandardCharsets.UTF_8).strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.length() <= 200 ? last : last.substring(0, 200) + "...";
    }

    private static String outcome(ExecResult result) {
        return result.outcome() == ExecResult.Outcome.EXITED ? "exit code " + result.exitCode()
                : result.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }
}
