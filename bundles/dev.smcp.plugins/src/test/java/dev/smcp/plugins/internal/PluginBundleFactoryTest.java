package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.smcp.plugins.internal.model.ProbeResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginBundleFactoryTest {

    @TempDir
    Path root;

    @Test
    void packsWhatTheProbeFound() {
        Path dir = root.resolve("demo");
        PluginBundleFactory factory = new PluginBundleFactory(
                d -> ProbeResult.of(TestDescriptors.plugin("demo", d, "add")), () -> 42L);

        PluginBundle bundle = factory.create(dir);

        assertEquals("demo", bundle.name());
        assertEquals(dir, bundle.directory());
        assertEquals("smcp-plugin:" + dir, bundle.location());
        assertEquals(42L, bundle.probedAt());
        assertNotNull(bundle.descriptor());
        assertNull(bundle.error());
    }

    @Test
    void aProbeFailureBecomesTheBundleError() {
        PluginBundleFactory factory = new PluginBundleFactory(d -> ProbeResult.failed("no cli.py"), () -> 1L);

        PluginBundle bundle = factory.create(root.resolve("empty"));

        assertEquals("no cli.py", bundle.error());
        assertNull(bundle.descriptor());
    }

    @Test
    void aThrowingProbeDoesNotEscape() {
        PluginBundleFactory factory = new PluginBundleFactory(d -> {
            throw new IllegalStateException("bug");
        }, () -> 1L);

        PluginBundle bundle = factory.create(root.resolve("x"));

        assertTrue(bundle.error().contains("bug"), bundle.error());
    }

    @Test
    void aMissingResultIsAFailure() {
        PluginBundleFactory factory = new PluginBundleFactory(d -> null, () -> 1L);

        assertNotNull(factory.create(root.resolve("x")).error());
    }
}
