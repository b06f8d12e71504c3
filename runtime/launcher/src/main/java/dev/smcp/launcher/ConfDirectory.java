package dev.smcp.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code conf/} directory: one file per configuration PID, {@code <pid>.cfg} (Java properties, values as text)
 * or {@code <pid>.json} (one JSON object of attribute names to values). Values of attributes known to
 * {@link ConfSchema} are checked and converted; other attributes are passed on as they are.
 */
final class ConfDirectory {

    private final Path directory;

    ConfDirectory(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    /** A file that cannot be used; the message names the file and, where it applies, the setting. */
    static final class ConfException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfException(String message) {
            super(message);
        }
    }

    /** @return the configuration files by PID, sorted; empty when the directory does not exist */
    Map<String, Path> files() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : (Iterable<Path>) entries.sorted()::iterator) {
                String name = file.getFileName().toString();
                String pid = pidOf(name);
                if (pid != null && Files.isRegularFile(file)) {
                    files.put(pid, file);
                }
            }
        }
        return files;
    }

    /** @return the PID a file name configures, or {@code null} when the file is not a configuration file */
    static String pidOf(String fileName) {
        for (String suffix : new String[] { ".cfg", ".json" }) {
            if (fileName.endsWith(suffix) && fileName.length() > suffix.length() && !fileName.startsWith(".")) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        return null;
    }

    /**
     * @return every PID's properties, sorted by PID
     * @throws ConfException on the first unusable file (two files for one PID, a syntax error, a bad value)
     */
    Map<String, Map<String, Object>> load() throws ConfException {
        Map<String, Map<String, Object>> all = new TreeMap<>();
        Map<String, Path> files;
        try {
            files = files();
        } catch (IOException e) {
            throw new ConfException(directory + ": cannot list the configuration directory: " + e.getMessage());
        }
        for (Map.Entry<String, Path> entry : files.entrySet()) {
            String pid = entry.getKey();
            if (Files.exists(directory.resolve(pid + ".cfg")) && Files.exists(directory.resolve(pid + ".json"))) {
                throw new ConfException(directory.resolve(pid + ".json") + ": " + pid + ".cfg configures the same PID;"
                        + " keep one of them");
            }
            all.put(pid, read(pid, entry.getValue()));
        }
        return all;
    }

    /** Reads and checks one file. */
    static Map<String, Object> read(String pid, Path file) throws ConfException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfException(file + ": cannot read: " + e.getMessage());
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        if (file.getFileName().toString().endsWith(".json")) {
            Object parsed;
            try {
                parsed = MiniJson.parse(text);
            } catch (IllegalArgumentException e) {
                throw new ConfException(file + ": not valid JSON: " + e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> object)) {
                throw new ConfException(file + ": expected one JSON object of attribute names to values");
            }
            object.forEach((name, value) -> raw.put((String) name, value));
        } else {
            Properties properties = new Properties();
            try (Reader reader = new StringReader(text)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfException(file + ": not a valid properties file: " + e.getMessage());
            }
            new TreeMap<>(properties).forEach((name, value) -> raw.put((String) name, value));
        }
        Map<String, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<String, Object> setting : raw.entrySet()) {
            try {
                converted.put(setting.getKey(), ConfSchema.convert(pid, setting.getKey(), setting.getValue()));
            } catch (IllegalArgumentException e) {
                throw new ConfException(file + ": " + pid + " " + setting.getKey() + ": " + e.getMessage());
            }
        }
        return converted;
    }
}
