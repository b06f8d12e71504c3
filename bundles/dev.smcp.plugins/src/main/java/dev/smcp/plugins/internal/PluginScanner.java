package dev.smcp.plugins.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the plugin directories in a plugins directory (upstream's discovery rules, made deterministic).
 * <p>
 * A plugin is an entry of the plugins directory that is a directory (symbolic links followed) and contains a
 * {@value #PYTHON_CLI} or an executable {@value #EXECUTABLE_CLI} (regular files, links followed). Hidden entries
 * (names starting with {@code .}) and {@value #PYCACHE} are skipped, as are files, broken links and directories
 * without a CLI. Jars ({@link #scanJars}) are Java plugin bundles. Names are not checked here: a plugin with an invalid name is still found, so that it can be
 * reported as failed.
 */
final class PluginScanner {

    /** The Python CLI of a plugin, run with the configured interpreter. */
    static final String PYTHON_CLI = "cli.py";
    /** An executable CLI of a plugin, run directly. */
    static final String EXECUTABLE_CLI = "cli";
    /** Python's bytecode cache, never a plugin. */
    static final String PYCACHE = "__pycache__";

    private PluginScanner() {
    }

    /**
     * @param root the plugins directory
     * @return the plugin directories ({@code root.resolve(name)}, links not resolved), sorted by name
     * @throws IOException if the plugins directory cannot be listed (including when it does not exist)
     */
    static List<Path> scan(Path root) throws IOException {
        List<Path> plugins = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!isSkipped(entry.getFileName().toString()) && isPluginDirectory(entry)) {
                    plugins.add(entry);
                }
            }
        }
        plugins.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return plugins;
    }

    /**
     * @param root the plugins directory
     * @return the Java plugin jars: regular files (links followed) named {@code *.jar}, not hidden, sorted by name
     * @throws IOException if the plugins directory cannot be listed (including when it does not exist)
     */
    static List<Path> scanJars(Path root) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "*.jar")) {
            for (Path entry : entries) {
                if (!isSkipped(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                    jars.add(entry);
                }
            }
        }
        jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return jars;
    }

    /** @return whether an entry of that name is never a plugin */
    static boolean isSkipped(String name) {
        return name.startsWith(".") || name.equals(PYCACHE);
    }

    /** @return whether the path is a directory holding a plugin CLI (links followed) */
    static boolean isPluginDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        if (Files.isRegularFile(directory.resolve(PYTHON_CLI))) {
            return true;
        }
        Path executable = directory.resolve(EXECUTABLE_CLI);
        return Files.isRegularFile(executable) && Files.isExecutable(executable);
    }

    /**
     * @param directory a plugin directory
     * @return the CLI the plugin would be run with ({@value #PYTHON_CLI} first), or {@code null} when it has none
     */
    static Path cliOf(Path directory) {
        Path python = directory.resolve(PYTHON_CLI);
        if (Files.isRegularFile(python)) {
            return python;
        }
        Path executable = directory.resolve(EXECUTABLE_CLI);
        return Files.isRegularFile(executable) && Files.isExecutable(executable) ? executable : null;
    }
}
