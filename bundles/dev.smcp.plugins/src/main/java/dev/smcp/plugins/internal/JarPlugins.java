package dev.smcp.plugins.internal;

import java.nio.file.Path;

/**
 * Java plugins: bundle jars in the plugins directory, installed as they are. The bundle location is the jar's
 * {@code file:} URI, so {@code lb -l} shows where a bundle came from; the bundle is installed from the jar's bytes
 * read at that time, so replacing the file takes effect only when the watcher updates the bundle.
 */
final class JarPlugins {

    private static final String SUFFIX = ".jar";

    private JarPlugins() {
    }

    /** @return the bundle location of a jar in the plugins directory */
    static String location(Path jar) {
        return jar.toAbsolutePath().normalize().toUri().toString();
    }

    /** @return the plugin name of a jar: its file name without {@code .jar} */
    static String name(Path jar) {
        String file = jar.getFileName().toString();
        return file.endsWith(SUFFIX) ? file.substring(0, file.length() - SUFFIX.length()) : file;
    }

    /**
     * One Java plugin jar the watcher has seen.
     *
     * @param jar the jar file
     * @param location its bundle location
     * @param problem why it could not be installed or started, or {@code null}
     */
    record JarPlugin(Path jar, String location, String problem) {
    }
}
