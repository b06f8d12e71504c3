package dev.smcp.plugins.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cheap summary of what a plugin entry of the plugins directory holds, compared between observations to notice
 * changes without probing: for a plugin directory, the relative path, size, modification time and executable bit of
 * every file in it (links followed, hidden entries, {@code __pycache__} and the ignored names skipped); for a jar,
 * its size and modification time. Both include where the entry really is, so retargeting a symbolic link is a
 * change. Only metadata is read, never file contents.
 */
final class PluginFingerprint {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFingerprint.class);

    /** Directories deeper than this below the plugin directory are not looked into. */
    static final int MAX_DEPTH = 8;
    /** At most this many files are fingerprinted per plugin; a bigger plugin counts the rest only by their number. */
    static final int MAX_FILES = 5_000;

    private final List<PathMatcher> ignored;

    /**
     * @param ignoredNames glob patterns ({@code *.log}) of file and directory names that do not count as part of a
     *            plugin, such as data files a plugin writes into its own directory
     */
    PluginFingerprint(List<String> ignoredNames) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : ignoredNames) {
            if (glob == null || glob.isBlank()) {
                continue;
            }
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.strip()));
            } catch (IllegalArgumentException e) {
                LOG.warn("Ignored-name pattern '{}' is not a valid glob and is left out: {}", glob, e.getMessage());
            }
        }
        this.ignored = List.copyOf(matchers);
    }

    /**
     * @param entry a plugin directory or a jar file
     * @return the entry's fingerprint, or {@code null} when it no longer exists
     */
    String of(Path entry) {
        try {
            Path real = entry.toRealPath();
            if (Files.isDirectory(real)) {
                return ofDirectory(entry, real);
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return digest(real + "\0" + attributes.size() + "\0"
                    + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            return null; // gone, or unreadable: gone for the watcher
        }
    }

    /** @return whether a file or directory of that name is not part of a plugin */
    boolean isIgnored(Path name) {
        if (PluginScanner.isSkipped(name.toString())) {
            return true;
        }
        for (PathMatcher matcher : ignored) {
            if (matcher.matches(name)) {
                return true;
            }
        }
        return false;
    }

    private String ofDirectory(Path entry, Path real) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        int[] overflow = {0};
        Files.walkFileTree(entry, EnumSet.of(FileVisitOption.FOLLOW_LINKS), MAX_DEPTH, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return !dir.equals(entry) && isIgnored(dir.getFileName()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (isIgnored(file.getFileName())) {
                    return FileVisitResult.CONTINUE;
                }
                if (files.size() >= MAX_FILES) {
                    overflow[0]++;
                    return FileVisitResult.CONTINUE;
                }
                String key = entry.relativize(file).toString();
                files.put(key, attributes.size() + ":" + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                        + (attributes.isRegularFile() && Files.isExecutable(file) ? ":x" : ""));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                // a broken link, a loop or a file deleted meanwhile: counted as present but unreadable
                files.put(entry.relativize(file).toString(), "?");
                return FileVisitResult.CONTINUE;
            }
        });
        StringBuilder text = new StringBuilder(real.toString()).append('\0').append(overflow[0]);
        files.forEach((name, meta) -> text.append('\0').append(name).append('=').append(meta));
        return digest(text.toString());
    }

    private static String digest(String text) {
        return PluginNames.shortHash(text.getBytes(StandardCharsets.UTF_8), 32);
    }
}
