package dev.smcp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.junit.After;
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
import dev.smcp.api.runtime.ScanDTO;
import dev.smcp.api.session.McpSession;
import dev.smcp.api.session.McpSessionManager;
import dev.smcp.itests.PluginBundlesIT.RecordingSink;

/**
 * The plugins directory is watched: plugin directories and jars added, changed and removed while the server runs
 * become bundles installed, updated and uninstalled, and open sessions are told.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotPluginsIT extends SmcpTestSupport {

    private static final String LIST_CHANGED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}";

    @Inject
    McpServerRuntime serverRuntime;

    @Inject
    PluginRuntime pluginRuntime;

    @Inject
    McpSessionManager sessions;

    private Path plugins;
    private RecordingSink sink;
    private McpSession session;

    @Before
    public void watchAnEmptyDirectory() throws Exception {
        plugins = Files.createTempDirectory("smcp-hot-");
        usePluginsDirectory(plugins.toString());
        await("no tools", () -> serverRuntime.getServerDTO().tools.length == 0);
        sink = new RecordingSink();
        session = sessions.open("test", sink);
        session.receive("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}", sink);
        String init = sink.response(1);
        assertTrue(init, init.contains("\"tools\":{\"listChanged\":true}"));
        session.receive("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sink);
    }

    @After
    public void cleanUp() throws IOException {
        session.close();
        try (Stream<Path> files = Files.walk(plugins)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    public void aPluginCopiedInEditedAndDeletedComesChangesAndGoes() throws Exception {
        sink.clearNotifications();
        Path hot = writePlugin("hot", "alpha");
        await("hot__alpha offered", () -> toolNames().equals(List.of("hot__alpha")));
        assertEquals(LIST_CHANGED, sink.notification());
        session.receive("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"hot__alpha\",\"arguments\":{}}}", sink);
        String call = sink.response(2);
        assertTrue(call, call.contains("ran alpha"));
        long bundleId = bundleNamed("smcp.plugin.hot").getBundleId();

        sink.clearNotifications();
        writeCli(hot, "alpha", "beta");
        await("hot__beta offered", () -> toolNames().equals(List.of("hot__alpha", "hot__beta")));
        assertEquals(LIST_CHANGED, sink.notification());
        assertEquals("an edit updates the bundle, it does not replace it", bundleId,
                bundleNamed("smcp.plugin.hot").getBundleId());

        sink.clearNotifications();
        deleteTree(hot);
        await("hot tools gone", () -> toolNames().isEmpty());
        assertEquals(LIST_CHANGED, sink.notification());
        await("hot bundle uninstalled", () -> bundleNamed("smcp.plugin.hot") == null);
    }

    @Test
    public void aPluginUninstalledFromTheConsoleStaysGoneUntilItChangesOrARescan() throws Exception {
        Path cold = writePlugin("cold", "one");
        await("cold__one offered", () -> toolNames().equals(List.of("cold__one")));
        bundleNamed("smcp.plugin.cold").uninstall();
        await("cold tools gone", () -> toolNames().isEmpty());
        writePlugin("other", "two"); // another change: cold stays uninstalled
        await("other__two offered", () -> toolNames().equals(List.of("other__two")));

        ScanDTO scan = pluginRuntime.rescan();
        assertTrue(scan.complete);
        assertEquals(List.of("cold"), List.of(scan.installed));
        await("cold back after rescan", () -> toolNames().equals(List.of("cold__one", "other__two")));

        deleteTree(cold);
        await("cold gone with its directory", () -> toolNames().equals(List.of("other__two")));
    }

    @Test
    public void aBrokenPluginIsShownWithItsReason() throws Exception {
        Path broken = Files.createDirectories(plugins.resolve("broken"));
        Files.writeString(broken.resolve("cli.py"), "import sys\nsys.stderr.write('no describe here')\nsys.exit(3)\n");
        await("broken plugin reported", () -> plugin("broken") != null);
        PluginDTO dto = plugin("broken");
        assertEquals(PluginDTO.STATE_FAILED, dto.state);
        assertTrue(dto.error, dto.error.contains("no describe here"));

        writeCli(broken, "fixed");
        await("broken plugin fixed", () -> toolNames().equals(List.of("broken__fixed")));
        assertEquals(PluginDTO.STATE_ACTIVE, plugin("broken").state);
    }

    @Test
    public void jarsAreInstalledStartedAndUninstalledAndBadOnesReported() throws Exception {
        Path jar = plugins.resolve("marker.jar");
        writeBundleJar(jar, "smcp.test.marker", "1.0.0");
        await("marker bundle active", () -> {
            Bundle marker = bundleNamed("smcp.test.marker");
            return marker != null && marker.getState() == Bundle.ACTIVE;
        });
        PluginDTO dto = plugin("marker");
        assertEquals(PluginDTO.KIND_BUNDLE, dto.kind);
        assertEquals(PluginDTO.STATE_ACTIVE, dto.state);

        writeBundleJar(jar, "smcp.test.marker", "1.0.1");
        await("marker bundle updated", () -> {
            Bundle marker = bundleNamed("smcp.test.marker");
            return marker != null && "1.0.1".equals(marker.getVersion().toString());
        });

        Files.write(plugins.resolve("garbage.jar"), "not a jar".getBytes(StandardCharsets.UTF_8));
        await("garbage jar reported", () -> plugin("garbage") != null);
        assertEquals(PluginDTO.STATE_FAILED, plugin("garbage").state);
        assertTrue(plugin("garbage").error, plugin("garbage").error.startsWith("cannot install garbage.jar"));

        Files.delete(jar);
        await("marker bundle uninstalled", () -> bundleNamed("smcp.test.marker") == null);
        Files.delete(plugins.resolve("garbage.jar"));
        await("garbage jar forgotten", () -> plugin("garbage") == null);
    }

    /** Writes a plugin into a directory first hidden, then renamed into place, as a careful copy would. */
    private Path writePlugin(String name, String... commands) throws IOException {
        Path staging = Files.createDirectories(plugins.resolve("." + name + ".tmp"));
        writeCli(staging, commands);
        return Files.move(staging, plugins.resolve(name));
    }

    /** A plugin whose {@code --describe} lists the commands, each printing {@code {"result": "ran <name>"}}. */
    private static void writeCli(Path directory, String... commands) throws IOException {
        StringBuilder list = new StringBuilder();
        for (String command : commands) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(command).append('"');
        }
        Files.writeString(directory.resolve("cli.py"), String.join("\n",
                "import json, os, sys",
                "NAME = os.path.basename(os.path.dirname(os.path.abspath(__file__)))",
                "COMMANDS = [" + list + "]",
                "if sys.argv[1:] == ['--describe']:",
                "    print(json.dumps({'contract_version': '1.0', 'plugin': {'name': NAME, 'version': '1'},",
                "        'commands': [{'name': c, 'description': 'runs ' + c, 'parameters': []} for c in COMMANDS]}))",
                "elif sys.argv[1:2] and sys.argv[1] in COMMANDS:",
                "    print(json.dumps({'result': 'ran ' + sys.argv[1]}))",
                "else:",
                "    sys.exit(2)",
                ""));
    }

    private static void writeBundleJar(Path jar, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        Path staging = jar.resolveSibling("." + jar.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(staging); JarOutputStream jarOut = new JarOutputStream(out,
                manifest)) {
            jarOut.flush();
        }
        Files.move(staging, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private PluginDTO plugin(String name) {
        return Arrays.stream(pluginRuntime.getPlugins()).filter(p -> name.equals(p.name)).findFirst().orElse(null);
    }

    private List<String> toolNames() {
        return Arrays.stream(serverRuntime.getServerDTO().tools).map(t -> t.name).sorted().toList();
    }
}
