package dev.smcp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.McpTool;
import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.ToolDTO;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;
import dev.smcp.itests.PluginBundlesIT.RecordingSink;

/**
 * A Java plugin bundle (the example {@code dev.smcp.plugin.clock}) installed from its jar as a person would from the
 * console ({@code install file:...}): its DS components' tools are offered next to the CLI plugins' tools, called
 * through a session, and gone with the bundle; sessions are told.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JavaPluginIT extends SmcpTestSupport {

    private static final String CLOCK = "dev.smcp.plugin.clock";
    private static final List<String> CLOCK_TOOLS = List.of("clock__add", "clock__convert", "clock__difference",
            "clock__now");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    McpServerRuntime serverRuntime;

    @Inject
    McpSessionManager sessions;

    private Bundle clock;

    @Override
    @Configuration
    public Option[] configuration() throws IOException {
        String jar = System.getProperty("smcp.bundle.plugin.clock");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("bundle " + CLOCK + " not built: " + jar);
        }
        return OptionUtils.combine(super.configuration(),
                frameworkProperty("smcp.bundle.plugin.clock").value(new File(jar).toURI().toString()));
    }

    @Before
    public void installTheClockPlugin() throws Exception {
        usePluginsDirectory(demoPluginsDirectory());
        await("the demo tools", () -> toolNames().stream().filter(n -> n.startsWith("demo_")).count() == 7);
        assertEquals("no clock bundle before the test", null, bundleNamed(CLOCK));
        clock = context.installBundle(context.getProperty("smcp.bundle.plugin.clock"));
        clock.start();
        await("the clock tools", () -> toolNames().containsAll(CLOCK_TOOLS));
    }

    @After
    public void uninstallTheClockPlugin() throws Exception {
        if (clock.getState() != Bundle.UNINSTALLED) {
            clock.uninstall();
        }
    }

    @Test
    public void theToolsAreServicesOfThePluginBundleAndGoWithIt() throws Exception {
        assertEquals(CLOCK, clock.getSymbolicName());
        List<String> clockTools = new ArrayList<>();
        for (ToolDTO tool : serverRuntime.getServerDTO().tools) {
            if (tool.bundleId == clock.getBundleId()) {
                clockTools.add(tool.name);
                assertEquals(tool.name, "clock", tool.plugin);
                assertNotNull(tool.name, tool.description);
            }
        }
        clockTools.sort(null);
        assertEquals(CLOCK_TOOLS, clockTools);
        assertEquals(11, toolNames().size());

        clock.stop();
        await("clock tools gone after stop", () -> toolNames().size() == 7);
        assertTrue(toolNames().stream().noneMatch(n -> n.startsWith("clock__")));
        clock.start();
        await("clock tools back after start", () -> toolNames().size() == 11);
        clock.uninstall();
        await("clock tools gone after uninstall", () -> toolNames().size() == 7);
    }

    @Test
    public void theServicePropertiesComeFromMcpToolProperties() throws Exception {
        ServiceReference<?>[] references = clock.getRegisteredServices();
        assertEquals(4, references.length);
        for (ServiceReference<?> reference : references) {
            assertEquals(List.of(McpTool.class.getName()), Arrays.asList((String[]) reference.getProperty("objectClass")));
            String name = (String) reference.getProperty(McpTool.NAME);
            assertTrue(name, CLOCK_TOOLS.contains(name));
            assertEquals("clock", reference.getProperty(McpTool.PLUGIN));
            JsonNode schema = JSON.readTree((String) reference.getProperty(McpTool.INPUT_SCHEMA));
            assertEquals(name, "object", schema.path("type").asText());
            assertFalse(name, schema.path("additionalProperties").asBoolean(true));
            for (JsonNode required : schema.path("required")) {
                assertTrue(name + " requires " + required, schema.path("properties").has(required.asText()));
            }
            schema.path("properties").forEach(p -> assertFalse(name + ": " + p, p.path("description").asText().isEmpty()));
        }
    }

    @Test
    public void aSessionCallsTheToolsAndHearsWhenTheyGo() throws Exception {
        RecordingSink sink = new RecordingSink();
        McpSession session = sessions.open("test", sink);
        try {
            session.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}", sink);
            sink.response(1);
            session.receive("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sink);

            session.receive("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", sink);
            JsonNode tools = JSON.readTree(sink.response(2)).path("result").path("tools");
            JsonNode now = null;
            for (JsonNode tool : tools) {
                if (tool.path("name").asText().equals("clock__now")) {
                    now = tool;
                }
            }
            assertNotNull(tools.toString(), now);
            assertEquals("UTC", now.path("inputSchema").path("properties").path("zone").path("default").asText());

            session.receive("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"clock__now\",\"arguments\":{\"zone\":\"Europe/Paris\"}}}", sink);
            JsonNode result = JSON.readTree(sink.response(3)).path("result");
            assertFalse(result.toString(), result.path("isError").asBoolean(true));
            JsonNode structured = result.path("structuredContent");
            assertEquals("Europe/Paris", structured.path("zone").asText());
            assertTrue(structured.toString(), structured.path("instant").asText().endsWith("Z"));
            assertEquals("the text is the structured content's JSON", structured,
                    JSON.readTree(result.path("content").path(0).path("text").asText()));

            session.receive("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"clock__convert\",\"arguments\":{\"date_time\":\"2026-11-24T09:30:00Z\"}}}", sink);
            JsonNode error = JSON.readTree(sink.response(4)).path("result");
            assertTrue(error.toString(), error.path("isError").asBoolean(false));
            assertEquals("invalid_arguments", error.path("structuredContent").path("error").path("code").asText());
            assertEquals("to_zone: is required", error.path("structuredContent").path("error").path("message").asText());

            sink.clearNotifications(); // the install may still be announced
            clock.stop();
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                    sink.notification());
            await("clock tools gone after stop", () -> toolNames().size() == 7);
            session.receive("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}", sink);
            String list = sink.response(5);
            assertTrue(list, list.contains("demo_math__calculate") && !list.contains("clock__"));
        } finally {
            session.close();
        }
    }

    private List<String> toolNames() {
        return Arrays.stream(serverRuntime.getServerDTO().tools).map(t -> t.name).sorted().toList();
    }
}
