package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class LettaEnvironmentTest {

    private static final String AGENT = "{\"id\":\"agent-1\",\"tool_exec_environment_variables\":"
            + "[{\"key\":\" WEATHER_URL \",\"value\":\"http://w\"},{\"key\":\"\",\"value\":\"x\"},"
            + "{\"key\":\"SHARED\",\"value\":\"from-vars\"}],"
            + "\"secrets\":[{\"key\":\"SHARED\",\"value\":\"from-secrets\"},{\"key\":\"EMPTY\",\"value\":null}]}";

    @TempDir
    Path home;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = AGENT;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private Map<String, String> load(Map<String, String> env) {
        return new LettaEnvironment(new PrintStream(log, true), Duration.ofSeconds(5)).load(env, home);
    }

    @Test
    void oneAgentsVariablesAndSecretsAreMergedSecretsLast() {
        Map<String, String> loaded = load(Map.of("LETTA_SERVER_URL", url(), "LETTA_SERVER_PASSWORD", "pw",
                "LETTA_AGENT_ID", "agent-1"));

        assertEquals(Map.of("WEATHER_URL", "http://w", "SHARED", "from-secrets", "EMPTY", ""), loaded);
        assertEquals(List.of("GET /v1/agents/agent-1?include=agent.secrets Bearer pw"), requests);
        assertTrue(log.toString().contains("loaded 3 plugin environment variable(s) from Letta: [EMPTY, SHARED, "
                + "WEATHER_URL]"), log.toString());
        assertFalse(log.toString().contains("from-secrets"));
    }

    @Test
    void withoutAnAgentIdAllAgentsAreListed() {
        body = "[" + AGENT + ",{\"id\":\"b\",\"secrets\":[{\"key\":\"WEATHER_URL\",\"value\":\"later\"}]}]";
        Map<String, String> loaded = load(Map.of("LETTA_SERVER_URL", url(), "LETTA_API_KEY", "key"));
        assertEquals("later", loaded.get("WEATHER_URL"));
        assertEquals(List.of("GET /v1/agents?limit=100&include=agent.secrets Bearer key"), requests);
    }

    @Test
    void credentialsComeFromTheDotEnvFileWhenTheEnvironmentLacksThem() throws IOException {
        Files.createDirectories(home.resolve(".letta"));
        Files.writeString(home.resolve(".letta/.env"), "# Letta\nexport LETTA_SERVER_URL=\"" + url() + "\"\n"
                + "LETTA_SERVER_PASSWORD='from-file'\nLETTA_AGENT_ID=agent-1\nOTHER=ignored\n");
        Map<String, String> loaded = load(Map.of("LETTA_AGENT_ID", "agent-1"));
        assertEquals(3, loaded.size());
        assertEquals(List.of("GET /v1/agents/agent-1?include=agent.secrets Bearer from-file"), requests);
    }

    @Test
    void failuresAreWarningsWithoutSecrets() {
        Map<String, String> env = Map.of("LETTA_SERVER_URL", url(), "LETTA_SERVER_PASSWORD", "pw-secret",
                "LETTA_AGENT_ID", "agent-1");
        status = 401;
        body = "{\"detail\":\"bad password pw-secret\"}";
        assertTrue(load(env).isEmpty());
        status = 200;
        body = "{not json";
        assertTrue(load(env).isEmpty());
        body = "[]";
        assertTrue(load(env).isEmpty());
        String text = log.toString();
        assertTrue(text.contains("warning: Letta server answered HTTP 401 for " + url() + "v1/agents/agent-1")
                || text.contains("HTTP 401"), text);
        assertTrue(text.contains("unusable answer") && text.contains("expected an agent object"), text);
        assertFalse(text.contains("pw-secret"), text);
    }

    @Test
    void anUnreachableServerIsAWarning() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertTrue(load(Map.of("LETTA_SERVER_URL", "http://127.0.0.1:" + port, "LETTA_API_KEY", "k")).isEmpty());
        assertTrue(log.toString().contains("warning: cannot reach the Letta server at http://127.0.0.1:" + port),
                log.toString());
    }

    @Test
    void nothingHappensWithoutCredentials() {
        assertTrue(load(Map.of("LETTA_SERVER_URL", url())).isEmpty());
        assertTrue(requests.isEmpty());
        assertEquals("", log.toString());
    }
}
