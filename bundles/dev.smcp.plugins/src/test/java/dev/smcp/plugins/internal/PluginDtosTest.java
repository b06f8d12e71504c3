package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.plugins.internal.model.PluginDescriptor;

import org.junit.jupiter.api.Test;

class PluginDtosTest {

    private final Path dir = Path.of("/opt/plugins/demo");
    private final PluginDescriptor descriptor = TestDescriptors.plugin("demo", dir, "add", "sub");

    @Test
    void activeWhenTheBundleIsActiveAndToolsAreRegistered() {
        PluginDTO dto = PluginDtos.create(7, headers(null)::get, descriptor, null, true,
                List.of("demo__add", "demo__sub"), 1L);

        assertEquals("demo", dto.name);
        assertEquals(dir.toString(), dto.directory);
        assertEquals("/opt/plugins/demo/cli.py", dto.executable);
        assertEquals(PluginDTO.STATE_ACTIVE, dto.state);
        assertEquals("describe", dto.source);
        assertEquals(7, dto.bundleId);
        assertArrayEquals(new String[] { "demo__add", "demo__sub" }, dto.tools);
        assertNull(dto.error);
        assertEquals(1000, dto.probedAt);
    }

    @Test
    void stoppedBundlesListTheirDeclaredTools() {
        PluginDTO dto = PluginDtos.create(7, headers(null)::get, descriptor, null, false, List.of(), 1L);

        assertEquals(PluginDTO.STATE_STOPPED, dto.state);
        assertArrayEquals(new String[] { "demo__add", "demo__sub" }, dto.tools);
        assertNull(dto.error);
    }

    @Test
    void activeWithoutRegisteredToolsIsStoppedWithAHint() {
        PluginDTO dto = PluginDtos.create(7, headers(null)::get, descriptor, null, true, List.of(), 1L);

        assertEquals(PluginDTO.STATE_STOPPED, dto.state);
        assertTrue(dto.error.contains("extender"), dto.error);
    }

    @Test
    void failedProbes() {
        PluginDTO dto = PluginDtos.create(8, headers("no cli.py")::get, null, null, true, List.of(), 5L);

        assertEquals(PluginDTO.STATE_FAILED, dto.state);
        assertEquals("no cli.py", dto.error);
        assertNull(dto.source);
        assertArrayEquals(new String[0], dto.tools);
        assertArrayEquals(new String[0], dto.warnings);
    }

    @Test
    void anUnreadableDescriptorIsAFailure() {
        PluginDTO dto = PluginDtos.create(8, headers(null)::get, null, "bad json", true, List.of(), 5L);

        assertEquals(PluginDTO.STATE_FAILED, dto.state);
        assertTrue(dto.error.endsWith("bad json"), dto.error);
    }

    @Test
    void theProbeTimeFallsBackToTheBundleModificationTime() {
        Map<String, String> headers = headers(null);
        headers.remove(PluginBundle.HEADER_PROBED_AT);

        assertEquals(5L, PluginDtos.create(8, headers::get, descriptor, null, false, List.of(), 5L).probedAt);
    }

    private Map<String, String> headers(String error) {
        Map<String, String> headers = new HashMap<>();
        headers.put(PluginBundle.HEADER_PLUGIN, "demo");
        headers.put(PluginBundle.HEADER_DIRECTORY, dir.toString());
        headers.put(PluginBundle.HEADER_EXECUTABLE, dir.resolve("cli.py").toString());
        headers.put(PluginBundle.HEADER_PROBED_AT, "1000");
        if (error != null) {
            headers.put(PluginBundle.HEADER_ERROR, error);
        }
        return headers;
    }
}
