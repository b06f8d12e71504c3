package dev.smcp.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;

/** Plugin directories made and removed by the scenarios: copies of a template plugin under other names. */
final class PluginFiles {

    private PluginFiles() {
    }

    /**
     * Copies the regular files at the top of the template (a CLI plugin: {@code cli.py} and whatever lies beside
     * it, without caches) into a new directory {@code target}.
     */
    static void copy(Path template, Path target) throws IOException {
        Files.createDirectory(target);
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().startsWith(".")) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Runs {@code python3 cli.py --describe} the way the server runs it (the plugin directory as working directory,
     * stdin closed).
     *
     * @return its standard output
     * @throws IOException when it cannot be started or exits with another code than 0
     */
    static byte[] describe(Path plugin) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Report.PYTHON, "cli.py", "--describe").directory(plugin.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(plugin + "/cli.py --describe exited with " + exit);
        }
        return out;
    }

    /** The command names a CLI plugin declares, from its {@code --describe} output. */
    static List<String> describedCommands(Path plugin) throws IOException, InterruptedException {
        byte[] out = describe(plugin);
        Map<String, Object> description = McpJsonDefaults.getMapper().readValue(out,
                new TypeRef<Map<String, Object>>() {
                });
        List<String> names = new ArrayList<>();
        if (description.get("commands") instanceof List<?> commands) {
            for (Object command : commands) {
                if (command instanceof Map<?, ?> c && c.get("name") instanceof String name) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            throw new IOException(plugin + "/cli.py --describe declares no commands");
        }
        return names;
    }
}
