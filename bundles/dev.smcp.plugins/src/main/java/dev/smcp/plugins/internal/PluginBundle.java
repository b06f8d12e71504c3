package dev.smcp.plugins.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptorJson;
import dev.smcp.plugins.internal.model.ProbeResult;

import org.osgi.framework.Bundle;

/**
 * A probed plugin directory packed as a bundle: a manifest naming the plugin, and the probed descriptor as the entry
 * {@value #DESCRIPTOR_ENTRY}. One bundle revision is one probe of the plugin.
 * <p>
 * Headers of the bundle:
 * <ul>
 * <li>{@code Bundle-SymbolicName: smcp.plugin.<name>} (see {@link PluginNames#symbolicName(String)})</li>
 * <li>{@code Bundle-Version: 1.0.0.<hash>}, the hash being a short SHA-256 of the descriptor JSON (of the error
 * reason for a failed probe): a different probe outcome is a different version</li>
 * <li>{@value #HEADER_PLUGIN}, {@value #HEADER_DIRECTORY}, {@value #HEADER_EXECUTABLE} (when a CLI is known),
 * {@value #HEADER_PROBED_AT} (milliseconds since the epoch)</li>
 * <li>{@value #HEADER_ERROR} when probing failed; such a bundle has no descriptor entry and contributes no tools</li>
 * <li>{@code Import-Package: dev.smcp.api;version="[1.0,2)"}, so that the tool services registered on the bundle's
 * behalf are visible to the consumers of the API</li>
 * </ul>
 */
final class PluginBundle {

    /** The URL scheme (and bundle location prefix) of plugin bundles. */
    static final String SCHEME = "smcp-plugin";
    /** Bundle location prefix: {@code smcp-plugin:<absolute plugin directory>}. */
    static final String LOCATION_PREFIX = SCHEME + ":";

    /** Header: the plugin name; marks a bundle as a CLI plugin for the extender. */
    static final String HEADER_PLUGIN = "SMCP-Plugin";
    /** Header: the absolute plugin directory. */
    static final String HEADER_DIRECTORY = "SMCP-Plugin-Directory";
    /** Header: the CLI file the plugin runs. */
    static final String HEADER_EXECUTABLE = "SMCP-Plugin-Executable";
    /** Header: why the plugin cannot be used (probe failure or invalid name). */
    static final String HEADER_ERROR = "SMCP-Plugin-Error";
    /** Header: when the plugin was probed, in milliseconds since the epoch. */
    static final String HEADER_PROBED_AT = "SMCP-Plugin-Probed-At";
    /** The entry holding the probed descriptor (see {@link PluginDescriptorJson}). */
    static final String DESCRIPTOR_ENTRY = "OSGI-INF/smcp/plugin.json";
    /** The API import every plugin bundle carries. */
    static final String API_IMPORT = "dev.smcp.api;version=\"[1.0,2)\"";

    /** Longest header value written for free text (error reasons); longer text is cut. */
    static final int MAX_HEADER_TEXT = 2000;

    private static final long ENTRY_TIME = 315_619_200_000L; // 1980-01-02, the earliest DOS time: reproducible jars

    private final String name;
    private final Path directory;
    private final PluginDescriptor descriptor;
    private final byte[] descriptorJson;
    private final String error;
    private final String executable;
    private final long probedAt;
    private final String version;

    private PluginBundle(String name, Path directory, PluginDescriptor descriptor, byte[] descriptorJson, String error,
            String executable, long probedAt) {
        this.name = name;
        this.directory = directory;
        this.descriptor = descriptor;
        this.descriptorJson = descriptorJson;
        this.error = error;
        this.executable = executable;
        this.probedAt = probedAt;
        byte[] content = descriptorJson != null ? descriptorJson
                : ("error:" + error).getBytes(StandardCharsets.UTF_8);
        this.version = "1.0.0." + PluginNames.shortHash(content, 12);
    }

    /**
     * @param name the plugin name (the directory name)
     * @param directory the plugin directory, absolute
     * @param result what probing found
     * @param probedAt when the probe ran, in milliseconds since the epoch
     * @return the plugin bundle
     */
    static PluginBundle of(String name, Path directory, ProbeResult result, long probedAt) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        PluginDescriptor descriptor = result.descriptor();
        if (descriptor == null) {
            Path cli = PluginScanner.cliOf(directory);
            return new PluginBundle(name, directory, null, null, result.error(),
                    cli == null ? null : cli.toString(), probedAt);
        }
        List<String> launcher = descriptor.launcher();
        return new PluginBundle(name, directory, descriptor, PluginDescriptorJson.write(descriptor), null,
                launcher.isEmpty() ? null : launcher.get(launcher.size() - 1), probedAt);
    }

    /** @return the bundle location of a plugin directory: {@code smcp-plugin:<directory>} */
    static String location(Path directory) {
        return LOCATION_PREFIX + directory;
    }

    /**
     * @param location a bundle location
     * @return whether it is the location of a plugin bundle
     */
    static boolean isPluginLocation(String location) {
        return location != null && location.startsWith(LOCATION_PREFIX);
    }

    /**
     * @param location a plugin bundle location, {@code smcp-plugin:<absolute directory>}
     * @return the plugin directory, normalised
     * @throws IllegalArgumentException if the location is not a plugin location with an absolute path
     */
    static Path directoryOf(String location) {
        if (!isPluginLocation(location)) {
            throw new IllegalArgumentException("not an " + SCHEME + ": location: " + location);
        }
        String path = location.substring(LOCATION_PREFIX.length());
        Path directory;
        try {
            directory = Path.of(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid plugin directory '" + path + "': " + e.getReason(), e);
        }
        if (path.isEmpty() || !directory.isAbsolute()) {
            throw new IllegalArgumentException(
                    SCHEME + ": needs an absolute plugin directory, e.g. " + SCHEME + ":/opt/smcp/plugins/demo: "
                            + location);
        }
        return directory.normalize();
    }

    /**
     * @param bundle an installed plugin bundle without {@value #HEADER_ERROR}
     * @return the descriptor stored in it
     * @throws IOException if the entry is missing or not a valid descriptor
     */
    static PluginDescriptor readDescriptor(Bundle bundle) throws IOException {
        URL entry = bundle.getEntry(DESCRIPTOR_ENTRY);
        if (entry == null) {
            throw new IOException("entry " + DESCRIPTOR_ENTRY + " missing");
        }
        try (InputStream in = entry.openStream()) {
            return PluginDescriptorJson.read(in.readAllBytes());
        }
    }

    String name() {
        return name;
    }

    Path directory() {
        return directory;
    }

    /** @return the bundle location of this plugin */
    String location() {
        return location(directory);
    }

    /** @return the probed descriptor, or {@code null} when probing failed */
    PluginDescriptor descriptor() {
        return descriptor;
    }

    /** @return why the plugin cannot be used, or {@code null} */
    String error() {
        return error;
    }

    long probedAt() {
        return probedAt;
    }

    String symbolicName() {
        return PluginNames.symbolicName(name);
    }

    /** @return the bundle version, {@code 1.0.0.<hash of the probe outcome>} */
    String version() {
        return version;
    }

    /** @return the manifest of the bundle */
    Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName());
        main.putValue("Bundle-Version", version);
        main.putValue("Bundle-Name", headerText("SMCP plugin " + name + (error == null ? "" : " (failed)")));
        main.putValue("Import-Package", API_IMPORT);
        main.putValue(HEADER_PLUGIN, headerText(name));
        main.putValue(HEADER_DIRECTORY, headerText(directory.toString()));
        if (executable != null) {
            main.putValue(HEADER_EXECUTABLE, headerText(executable));
        }
        main.putValue(HEADER_PROBED_AT, Long.toString(probedAt));
        if (error != null) {
            main.putValue(HEADER_ERROR, headerText(error));
        }
        return manifest;
    }

    /** @return the bundle as jar bytes */
    byte[] toJar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest())) {
            if (descriptorJson != null) {
                addDirectory(jar, "OSGI-INF/");
                addDirectory(jar, "OSGI-INF/smcp/");
                ZipEntry entry = new ZipEntry(DESCRIPTOR_ENTRY);
                entry.setTime(ENTRY_TIME);
                jar.putNextEntry(entry);
                jar.write(descriptorJson);
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an in-memory jar", e); // not expected in memory
        }
        return bytes.toByteArray();
    }

    private static void addDirectory(JarOutputStream jar, String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        jar.putNextEntry(entry);
        jar.closeEntry();
    }

    /**
     * @param text free text
     * @return the text as one manifest line: control characters (line breaks included) become spaces, and text
     *         beyond {@value #MAX_HEADER_TEXT} characters is cut
     */
    static String headerText(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_HEADER_TEXT + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_HEADER_TEXT; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_HEADER_TEXT) {
            if (Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                out.setLength(out.length() - 1);
            }
            out.append("...");
        }
        return out.toString().strip();
    }
}
