package dev.smcp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.PluginRuntime;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.session.McpSessionManager;

/** The bundle set resolves, starts, and every SMCP component is active. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerIT extends SmcpTestSupport {

    @Inject
    McpServerRuntime serverRuntime;

    @Inject
    McpSessionManager sessions;

    @Inject
    ProcessExecutor executor;

    @Inject
    PluginRuntime plugins;

    @Inject
    ServiceComponentRuntime scr;

    @Test
    public void everyBundleIsActive() {
        String notActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE)
                .map(Bundle::getSymbolicName).collect(Collectors.joining(", "));
        assertEquals("bundles not active: " + notActive, "", notActive);
    }

    @Test
    public void everySmcpComponentIsActive() throws InterruptedException {
        await("SMCP components active", () -> smcpComponents().allMatch(c -> scr
                .getComponentConfigurationDTOs(c).stream().allMatch(d -> d.state == ComponentConfigurationDTO.ACTIVE
                        || d.state == ComponentConfigurationDTO.SATISFIED)
                && !scr.getComponentConfigurationDTOs(c).isEmpty() || !c.defaultEnabled));
        assertTrue(smcpComponents().count() >= 4);
    }

    @Test
    public void serverDescribesItself() {
        ServerDTO server = serverRuntime.getServerDTO();
        assertEquals("smcp-osgi", server.name);
        assertEquals("0.1.0-SNAPSHOT", server.version);
        assertEquals("2025-11-25", server.protocolVersions[0]);
        assertNotNull(server.tools);
        assertNotNull(server.sessions);
    }

    private java.util.stream.Stream<ComponentDescriptionDTO> smcpComponents() {
        return scr.getComponentDescriptionDTOs().stream().filter(c -> c.bundle.symbolicName.startsWith("dev.smcp."));
    }
}
