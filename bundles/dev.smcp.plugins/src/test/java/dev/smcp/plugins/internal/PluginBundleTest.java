package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import dev.smcp.plugins.internal.model.PluginDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptorJson;
import dev.smcp.plugins.internal.model.ProbeResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class PluginBundleTest {

    @TempDir
    Path root;

    @Test
    void manifestOfAProbedPlugin() {
        Path dir = root.resolve("demo_math");
        PluginBundle bundle = PluginBundle.of("demo_math", dir,
                ProbeResult.of(TestDescriptors.plugin("demo_math", dir, "add", "sub")), 1234L);

        Attributes main = bundle.manifest().getMainAttributes();
        assertEquals("1.0", main.getValue("Manifest-Version"));
        assertEquals("2", main.getValue("Bundle-ManifestVersion"));
        assertEquals("smcp.plugin.demo_math", main.getValue("Bundle-SymbolicName"));
        assertEquals("SMCP plugin demo_math", main.getValue("Bundle-Name"));
        assertEquals("dev.smcp.api;version=\"[1.0,2)\"", main.getValue("Import-Package"));
        assertEquals("demo_math", main.getValue("SMCP-Plugin"));
        assertEquals(dir.toString(), main.getValue("SMCP-Plugin-Directory"));
        assertEquals(dir.resolve("cli.py").toString(), main.getValue("SMCP-Plugin-Executable"));
        assertEquals("1234", main.getValue("SMCP-Plugin-Probed-At"));
        assertNull(main.getValue("SMCP-Plugin-Error"));

        Version version = Version.parseVersion(main.getValue("Bundle-Version"));
        assertEquals(new Version(1, 0, 0), new Version(version.getMajor(), version.getMinor(), version.getMicro()));
        assertTrue(version.getQualifier().matches("[0-9a-f]{12}"), version.getQualifier());
        assertEquals(bundle.version(), version.toString());
    }

    @Test
    void jarHoldsTheManifestAndTheDescriptor() throws IOException {
        Path dir = root.resolve("demo");
        PluginDescriptor descriptor = TestDescriptors.plugin("demo", dir, "echo");
        PluginBundle bundle = PluginBundle.of("demo", dir, ProbeResult.of(descriptor), 1L);

        Jar jar = Jar.read(bundle.toJar());

        assertEquals("smcp.plugin.demo", jar.manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertEquals(List.of("OSGI-INF/", "OSGI-INF/smcp/", "OSGI-INF/smcp/plugin.json"), jar.names);
        assertEquals(descriptor, PluginDescriptorJson.read(jar.descriptor));
    }

    @Test
    void theVersionFollowsTheProbeOutcome() {
        Path dir = root.resolve("demo");
        PluginBundle one = PluginBundle.of("demo", dir, ProbeResult.of(TestDescriptors.plugin("demo", dir, "a")), 1L);
        PluginBundle same = PluginBundle.of("demo", dir, ProbeResult.of(TestDescriptors.plugin("demo", dir, "a")), 2L);
        PluginBundle more = PluginBundle.of("demo", dir,
                ProbeResult.of(TestDescriptors.plugin("demo", dir, "a", "b")), 3L);
        PluginBundle failed = PluginBundle.of("demo", dir, ProbeResult.failed("boom"), 4L);

        assertEquals(one.version(), same.version(), "the probe time is not part of the revision");
        assertNotEquals(one.version(), more.version());
        assertNotEquals(one.version(), failed.version());
        assertEquals(failed.version(), PluginBundle.of("demo", dir, ProbeResult.failed("boom"), 5L).version());
    }

    @Test
    void aFailedProbeStillMakesABundleWithTheReasonAndNoDescriptor() throws IOException {
        Path dir = Files.createDirectories(root.resolve("broken"));
        Files.writeString(dir.resolve("cli.py"), "raise SystemExit(3)\n");
        PluginBundle bundle = PluginBundle.of("broken", dir,
                ProbeResult.failed("Plugin broken: --describe exited with 3\nand --help too"), 7L);

        Jar jar = Jar.read(bundle.toJar());
        Attributes main = jar.manifest.getMainAttributes();

        assertEquals("Plugin broken: --describe exited with 3 and --help too", main.getValue("SMCP-Plugin-Error"));
        assertEquals("SMCP plugin broken (failed)", main.getValue("Bundle-Name"));
        assertEquals("smcp.plugin.broken", main.getValue("Bundle-SymbolicName"));
        assertEquals(dir.resolve("cli.py").toString(), main.getValue("SMCP-Plugin-Executable"));
        assertEquals(List.of(), jar.names);
        assertNull(jar.descriptor);
        assertNull(bundle.descriptor());
    }

    @Test
    void anInvalidNameGetsAValidSymbolicName() throws IOException {
        Path dir = root.resolve("bad name");
        PluginBundle bundle = PluginBundle.of("bad name", dir, ProbeResult.failed("invalid name"), 1L);

        Attributes main = Jar.read(bundle.toJar()).manifest.getMainAttributes();

        assertTrue(main.getValue("Bundle-SymbolicName").startsWith("smcp.plugin.bad_name-"));
        assertEquals("bad name", main.getValue("SMCP-Plugin"));
        assertNull(main.getValue("SMCP-Plugin-Executable"));
    }

    @Test
    void headerTextIsOneBoundedLine() {
        assertEquals("a b  c", PluginBundle.headerText("a\rb\n\tc\n"));
        String longText = "x".repeat(PluginBundle.MAX_HEADER_TEXT + 50);
        assertEquals(PluginBundle.MAX_HEADER_TEXT + 3, PluginBundle.headerText(longText).length());
        String emoji = "x".repeat(PluginBundle.MAX_HEADER_TEXT - 1) + "\uD83D\uDE00" + "tail";
        String cut = PluginBundle.headerText(emoji);
        assertFalse(Character.isHighSurrogate(cut.charAt(cut.length() - 4)), "no half surrogate pair");
    }

    @Test
    void longErrorsSurviveTheManifestRoundTrip() throws IOException {
        String reason = "é".repeat(500) + " " + "z".repeat(300);
        PluginBundle bundle = PluginBundle.of("x", root.resolve("x"), ProbeResult.failed(reason), 1L);

        assertEquals(reason, Jar.read(bundle.toJar()).manifest.getMainAttributes().getValue("SMCP-Plugin-Error"));
    }

    @Test
    void locationsRoundTrip() {
        Path dir = root.resolve("with space").toAbsolutePath();
        String location = PluginBundle.location(dir);

        assertEquals("smcp-plugin:" + dir, location);
        assertTrue(PluginBundle.isPluginLocation(location));
        assertEquals(dir, PluginBundle.directoryOf(location));
        assertEquals(Path.of("/a/c"), PluginBundle.directoryOf("smcp-plugin:/a/b/../c"));
    }

    @Test
    void relativeOrForeignLocationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PluginBundle.directoryOf("smcp-plugin:plugins/demo"));
        assertThrows(IllegalArgumentException.class, () -> PluginBundle.directoryOf("smcp-plugin:"));
        assertThrows(IllegalArgumentException.class, () -> PluginBundle.directoryOf("file:/a/b"));
        assertFalse(PluginBundle.isPluginLocation("file:/a/b"));
        assertFalse(PluginBundle.isPluginLocation(null));
    }

    /** A jar read back. */
    private record Jar(Manifest manifest, List<String> names, byte[] descriptor) {
        static Jar read(byte[] bytes) throws IOException {
            try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(bytes))) {
                Manifest manifest = in.getManifest();
                assertNotNull(manifest, "manifest");
                List<String> names = new ArrayList<>();
                byte[] descriptor = null;
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    names.add(entry.getName());
                    if (entry.getName().equals(PluginBundle.DESCRIPTOR_ENTRY)) {
                        descriptor = in.readAllBytes();
                    }
                }
                return new Jar(manifest, names, descriptor);
            }
        }
    }
}
