package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarInputStream;

import dev.smcp.plugins.internal.model.ProbeResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginBundleConnectionTest {

    @TempDir
    Path root;

    private final AtomicInteger probes = new AtomicInteger();
    private final PluginBundleFactory factory = new PluginBundleFactory(d -> {
        probes.incrementAndGet();
        return ProbeResult.of(TestDescriptors.plugin(d.getFileName().toString(), d, "run"));
    }, () -> 1L);

    @Test
    void opensAsTheGeneratedJarProbingOnce() throws IOException {
        Path dir = Files.createDirectories(root.resolve("demo"));
        PluginBundleConnection connection = new PluginBundleConnection(dir.toUri().toURL(), factory, dir);

        try (InputStream in = connection.getInputStream();
                JarInputStream jar = new JarInputStream(connection.getInputStream())) {
            assertEquals("smcp.plugin.demo", jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
            assertEquals(connection.getContentLengthLong(), in.readAllBytes().length);
        }
        assertEquals(1, probes.get());
        assertEquals("application/java-archive", connection.getContentType());
    }

    @Test
    void aMissingDirectoryFailsToOpen() throws IOException {
        Path dir = root.resolve("missing");
        PluginBundleConnection connection = new PluginBundleConnection(new URL("file:/missing"), factory, dir);

        assertThrows(FileNotFoundException.class, connection::getInputStream);
        assertEquals(0, probes.get());
    }
}
