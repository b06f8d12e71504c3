package dev.smcp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.PluginRuntime;
import dev.smcp.api.runtime.ToolDTO;
import dev.smcp.api.session.McpMessageSink;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;

/**
 * Each plugin directory is its own bundle whose tools are services: stopping, starting, uninstalling and installing
 * the bundle makes the tools vanish and appear, and sessions are told.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginBundlesIT extends SmcpTestSupport {

    @Inject
    McpServerRuntime serverRuntime;

    @Inject
    PluginRuntime pluginRuntime;

    @Inject
    McpSessionManager sessions;

    @Before
    public void serveTheDemoPlugins() throws Exception {
        usePluginsDirectory(demoPluginsDirectory());
        await("the demo plugin bundles", () -> isActive("smcp.plugin.demo_math") && isActive("smcp.plugin.demo_text"));
        await("the demo tools", () -> toolNames().size() == 7);
    }

    @Test
    public void eachPluginIsABundleAndEachCommandATool() {
        assertEquals(List.of("demo_math__calculate", "demo_math__coin_flip", "demo_math__format_bytes",
                "demo_text__echo", "demo_text__hash_preview", "demo_text__slugify", "demo_text__word_count"),
                toolNames());
        Bundle math = bundleNamed("smcp.plugin.demo_math");
        for (ToolDTO tool : serverRuntime.getServerDTO().tools) {
            if (tool.name.startsWith("demo_math__")) {
                assertEquals("tools are registered on behalf of the plugin bundle", math.getBundleId(), tool.bundleId);
                assertEquals("demo_math", tool.plugin);
            }
        }
        PluginDTO[] plugins = pluginRuntime.getPlugins();
        assertEquals(2, plugins.length);
        assertEquals("demo_math", plugins[0].name);
        assertEquals(PluginDTO.STATE_ACTIVE, plugins[0].state);
        assertEquals("describe", plugins[0].source);
        assertEquals(3, plugins[0].tools.length);
    }

    @Test
    public void stoppingStartingUninstallingAndInstallingAPluginBundle() throws Exception {
        Bundle math = bundleNamed("smcp.plugin.demo_math");
        math.stop();
        await("demo_math tools gone after stop", () -> toolNames().size() == 4);
        math.start();
        await("demo_math tools back after start", () -> toolNames().size() == 7);
        math.uninstall();
        await("demo_math tools gone after uninstall", () -> toolNames().size() == 4);

        Bundle installed = context.installBundle("smcp-plugin:" + Path.of(demoPluginsDirectory(), "demo_math"));
        installed.start();
        assertEquals("smcp.plugin.demo_math", installed.getSymbolicName());
        await("demo_math tools back after install", () -> toolNames().size() == 7);
    }

    @Test
    public void sessionsCallToolsAndHearAboutChanges() throws Exception {
        RecordingSink sink = new RecordingSink();
        McpSession session = sessions.open("test", sink);
        try {
            assertEquals(McpSession.Receipt.ACCEPTED, session.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                    + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                    + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}", sink));
            String init = sink.response(1);
            assertTrue(init, init.contains("\"protocolVersion\":\"2025-06-18\"") && init.contains("smcp-osgi"));
            session.receive("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sink);

            session.receive("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"demo_text__slugify\",\"arguments\":{\"title\":\"Hot OSGi Plugins\"}}}", sink);
            String call = sink.response(2);
            assertTrue(call, call.contains("\"id\":2") && call.contains("hot-osgi-plugins"));

            sink.clearNotifications(); // earlier tests' changes may still be announced
            bundleNamed("smcp.plugin.demo_text").stop();
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}",
                    sink.notification());
            session.receive("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", sink);
            String list = sink.response(3);
            assertTrue(list, list.contains("demo_math__calculate") && !list.contains("demo_text__"));
        } finally {
            session.close();
            Bundle text = bundleNamed("smcp.plugin.demo_text");
            if (text != null) {
                text.start();
            }
        }
    }

    private boolean isActive(String symbolicName) {
        Bundle bundle = bundleNamed(symbolicName);
        return bundle != null && bundle.getState() == Bundle.ACTIVE;
    }

    private List<String> toolNames() {
        return Arrays.stream(serverRuntime.getServerDTO().tools).map(t -> t.name).sorted().toList();
    }

    /** Collects what a session sends: responses by id, notifications in order. */
    static final class RecordingSink implements McpMessageSink {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final List<String> notifications = new java.util.ArrayList<>();

        @Override
        public void send(String json) {
            messages.add(json);
        }

        @Override
        public void close() {
        }

        /** @return the response to request {@code id}; notifications read meanwhile are kept */
        String response(int id) throws InterruptedException {
            while (true) {
                String message = next();
                if (message.contains("\"id\":" + id + ",") || message.contains("\"id\":" + id + "}")) {
                    return message;
                }
                notifications.add(message);
            }
        }

        /** @return the oldest notification not yet returned */
        String notification() throws InterruptedException {
            return notifications.isEmpty() ? next() : notifications.remove(0);
        }

        void clearNotifications() {
            notifications.clear();
            messages.clear();
        }

        private String next() throws InterruptedException {
            String message = messages.poll(60, TimeUnit.SECONDS);
            assertNotNull("no message within 60 s", message);
            return message;
        }
    }
}
