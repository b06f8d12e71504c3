package dev.smcp.features.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * SMCP installed into a real Apache Karaf from the features repository of this build, offline: the slices are
 * installed, the demo plugins (two CLI plugins and the clock Java plugin bundle dropped into the plugins directory)
 * are served over HTTP+SSE and Streamable HTTP to the official MCP Java SDK client, then the features are uninstalled
 * and nothing of SMCP may be left: no tools, no bundles, no HTTP endpoint, no plugin process.
 */
class KarafFeaturesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> DEMO_TOOLS = List.of("clock__add", "clock__convert", "clock__difference",
            "clock__now", "demo_math__calculate", "demo_math__coin_flip", "demo_math__format_bytes", "demo_text__echo",
            "demo_text__hash_preview", "demo_text__slugify", "demo_text__word_count", "health");
    private static final List<String> PROMPTYOSELF_TOOLS = List.of("health", "promptyoself__agents",
            "promptyoself__cancel", "promptyoself__execute", "promptyoself__list", "promptyoself__register",
            "promptyoself__test");

    /** What feature:install smcp brings of SMCP itself (a bundle added to a feature is added here). */
    private static final List<String> SMCP_BUNDLES = List.of("dev.smcp.api", "dev.smcp.exec", "dev.smcp.health",
            "dev.smcp.plugins", "dev.smcp.protocol", "dev.smcp.shell", "dev.smcp.transport.http");

    private static KarafInstance karaf;

    @BeforeAll
    static void startKaraf() throws Exception {
        Path work = Path.of(System.getProperty("smcp.karaf.dir", "target/karaf")).toAbsolutePath();
        deleteTree(work);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path demo = Path.of(System.getProperty("smcp.demo.plugins", "../../plugins")).toAbsolutePath();
        for (String cli : List.of("demo_math", "demo_text")) {
            copyTree(demo.resolve(cli), plugins.resolve(cli));
        }
        Files.copy(Path.of(property("smcp.clock.jar")), plugins.resolve("clock.jar"));
        karaf = KarafInstance.unpack(Path.of(property("smcp.karaf.archive")), work,
                Path.of(property("smcp.repo")), Path.of(property("smcp.local.repo")), plugins);
        karaf.start();
    }

    @AfterAll
    static void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void installServeAndUninstall() throws Exception {
        karaf.addRepository("mvn:dev.smcp/smcp-features/" + property("smcp.features.version") + "/xml/features");
        for (String feature : List.of("smcp-http", "smcp-plugins", "smcp-shell")) {
            karaf.installFeature(feature);
        }
        assertEquals(List.of(), notActive(), "every SMCP bundle active");

        McpSyncClient sse = client(HttpClientSseClientTransport.builder(karaf.baseUrl()).sseEndpoint("/sse").build());
        McpSyncClient streamable = client(HttpClientStreamableHttpTransport.builder(karaf.baseUrl())
                .endpoint("/mcp").build());
        try {
            for (McpSyncClient client : List.of(sse, streamable)) {
                // the plugins directory is scanned in the background: wait for every demo tool
                awaitEquals(DEMO_TOOLS, () -> toolNames(client), "demo tools");
                CallToolResult sum = client.callTool(new CallToolRequest("demo_math__calculate",
                        Map.of("operation", "add", "a", 2, "b", 3)));
                assertFalse(sum.isError(), sum::toString);
                assertEquals(5.0, ((Number) structured(sum).get("result")).doubleValue());
                assertEquals("hello-karaf", structured(client.callTool(new CallToolRequest("demo_text__slugify",
                        Map.of("title", "Hello, Karaf!")))).get("slug"));
                CallToolResult now = client.callTool(new CallToolRequest("clock__now", Map.of("zone", "UTC")));
                assertFalse(now.isError(), now::toString);
            }
            List<String> bundles = karaf.bundles();
            assertTrue(bundles.stream().anyMatch(b -> b.startsWith("dev.smcp.plugin.clock [Active]")),
                    () -> "the clock jar installed as a bundle: " + bundles);

            // without the plugins slice the server stays up with only its own health tool
            karaf.uninstallFeature("smcp-plugins");
            awaitEquals(List.of("health"), () -> toolNames(sse), "tools over SSE after uninstalling smcp-plugins");
            assertEquals(List.of("health"), toolNames(streamable));
            assertEquals(List.of(), smcpBundles("dev.smcp.plugin"), "no plugin bundle left");

            // the PromptYoSelf Java plugin as its own feature, with the JDBC drivers
            karaf.installFeature("smcp-promptyoself");
            awaitEquals(PROMPTYOSELF_TOOLS, () -> toolNames(streamable), "PromptYoSelf tools");
            CallToolResult list = streamable.callTool(new CallToolRequest("promptyoself__list", Map.of()));
            assertFalse(list.isError(), list::toString);
            assertEquals(0, ((Number) structured(list).get("count")).intValue());
            karaf.uninstallFeature("smcp-promptyoself");
            awaitEquals(List.of("health"), () -> toolNames(sse), "tools after uninstalling smcp-promptyoself");
        } finally {
            sse.closeGracefully();
            streamable.closeGracefully();
        }

        karaf.uninstallFeature("smcp-http");
        karaf.uninstallFeature("smcp-shell");
        assertEquals(List.of(), smcpBundles("dev.smcp"), "no SMCP bundle left");
        assertEquals(List.of(), smcpBundles("org.apache.felix.http.jetty12"), "Felix HTTP uninstalled with smcp-http");
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(karaf.baseUrl() + "/mcp")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()), "nothing listens on the HTTP port");
        awaitEquals(List.of(), () -> karaf.process().descendants().map(p -> p.info().commandLine().orElse("?"))
                .toList(), "no plugin process left");

        // the umbrella feature installs the same slices
        karaf.installFeature("smcp");
        assertEquals(List.of(), notActive(), "every SMCP bundle active");
        assertEquals(SMCP_BUNDLES, featureBundles().stream().map(b -> b.substring(0, b.indexOf(' '))).sorted()
                .toList());
        karaf.uninstallFeature("smcp");
        assertEquals(List.of(), smcpBundles("dev.smcp"), "no SMCP bundle left");
    }

    private static McpSyncClient client(McpClientTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(WAIT).initializationTimeout(WAIT)
                .clientInfo(new McpSchema.Implementation("smcp-karaf-itest", "1.0.0")).build();
        client.initialize();
        return client;
    }

    private static List<String> toolNames(McpSyncClient client) {
        return client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> structured(CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    /** @return the bundles whose symbolic name or location starts with the prefix (plugin bundles: smcp-plugin:) */
    private static List<String> smcpBundles(String prefix) throws Exception {
        return karaf.bundles().stream().filter(b -> b.startsWith(prefix) || b.contains("] smcp-plugin:")).toList();
    }

    /** @return the SMCP bundles the features installed (mvn: locations), not the plugin bundles of the watcher */
    private static List<String> featureBundles() throws Exception {
        return karaf.bundles().stream().filter(b -> b.startsWith("dev.smcp.") && b.contains("] mvn:")).toList();
    }

    private static List<String> notActive() throws Exception {
        return featureBundles().stream().filter(b -> !b.contains("[Active]")).toList();
    }

    private static <T> void awaitEquals(T expected, ThrowingSupplier<T> actual, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = actual.get();
        }
        T seen = last;
        Supplier<String> message = () -> what + ": expected " + expected + " but was " + seen + "\n" + karaf.log();
        if (!expected.equals(seen)) {
            fail(message);
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven failsafe)");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(p -> !p.toString().contains("__pycache__")).toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
