package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import dev.smcp.plugin.promptyoself.internal.TemporaryPostgres;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;

/**
 * PromptYoSelf in the real runtime, every tool called through the MCP Java SDK client, against a fake Letta server
 * on loopback: a prompt registered a few seconds ahead reaches the fake by itself, through the server's scheduler.
 * The Letta URL and token come from the environment, the database and poll interval from the conf directory. Once
 * on SQLite (the default store) and once on PostgreSQL (a throwaway cluster on loopback).
 */
class PromptYoSelfE2E {

    private static final String TOKEN = "letta-e2e-70ken";
    private static final List<String> TOOLS = List.of("promptyoself__agents", "promptyoself__cancel",
            "promptyoself__execute", "promptyoself__list", "promptyoself__register", "promptyoself__test");

    @TempDir
    Path temp;

    /** A Letta server with one agent that records the requests it gets: method, path, Authorization, body. */
    private static final class FakeLetta implements AutoCloseable {
        final List<String[]> requests = new CopyOnWriteArrayList<>();
        final HttpServer server;

        FakeLetta() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                requests.add(new String[] {exchange.getRequestMethod(), path,
                        exchange.getRequestHeaders().getFirst("Authorization"), body});
                String agent = "{\"id\":\"agent-e2e\",\"name\":\"E2E agent\",\"created_at\":\"2026-01-01T00:00:00Z\"}";
                int status = 200;
                String answer;
                if (path.equals("/v1/agents/")) {
                    answer = "[" + agent + "]";
                } else if (path.equals("/v1/agents/agent-e2e")) {
                    answer = agent;
                } else if (path.equals("/v1/agents/agent-e2e/messages")) {
                    answer = "{\"messages\":[]}";
                } else {
                    status = 404;
                    answer = "{\"detail\":\"Not Found\"}";
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        List<String[]> messages() {
            return requests.stream().filter(r -> r[0].equals("POST")).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "sqlite", "postgresql" })
    void everyToolAndAPromptDeliveredByTheScheduler(String storage) throws Exception {
        Path conf = Files.createDirectories(temp.resolve("conf"));
        Path database = temp.resolve("data").resolve("prompts.sqlite3");
        try (TemporaryPostgres postgres = storage.equals("postgresql") ? TemporaryPostgres.start() : null) {
            String store = postgres == null
                    ? "\"database\": \"" + database.toString().replace("\\", "\\\\") + "\""
                    : "\"database\": \"" + postgres.jdbcUrl() + "\", \"databaseUser\": \"" + TemporaryPostgres.USER + "\"";
            Files.writeString(conf.resolve("dev.smcp.plugin.promptyoself.json"), "{\"pollSeconds\": 1, " + store + "}");
            run(conf, postgres == null ? database : null, postgres == null ? database.toString() : postgres.jdbcUrl());
        }
    }

    private void run(Path conf, Path sqliteFile, String location) throws Exception {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        try (FakeLetta letta = new FakeLetta();
                SmcpServer server = SmcpServer.start(plugins, Map.of("LETTA_BASE_URL", letta.url(), "LETTA_API_KEY",
                        TOKEN), "--conf", conf.toString());
                McpSyncClient client = McpClients.sse(server)) {
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertEquals(TOOLS, tools.stream().map(McpSchema.Tool::name).filter(n -> n.startsWith("promptyoself__"))
                    .toList());
            McpSchema.Tool register = tools.stream().filter(t -> t.name().equals("promptyoself__register"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("agent_id", "prompt"), register.inputSchema().get("required"));

            Map<String, Object> test = ok(client, "promptyoself__test", Map.of());
            assertEquals("Connection to Letta server successful", test.get("message"));
            assertEquals(1, ((Number) test.get("agent_count")).intValue());
            Map<String, Object> agents = ok(client, "promptyoself__agents", Map.of());
            assertEquals("E2E agent", ((Map<?, ?>) ((List<?>) agents.get("agents")).get(0)).get("name"));

            CallToolResult unknownAgent = call(client, "promptyoself__register", Map.of("agent_id", "nobody",
                    "prompt", "x", "every", "5m"));
            assertTrue(unknownAgent.isError());
            assertEquals(Map.of("code", "invalid_arguments", "message", "Agent validation failed: Agent nobody not found"),
                    DemoPluginsE2E.structured(unknownAgent).get("error"));

            // a few seconds ahead, written in another offset: stored and delivered in UTC
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(8);
            Map<String, Object> registered = ok(client, "promptyoself__register", Map.of("agent_id", "agent-e2e",
                    "prompt", "Time to reflect on today's work", "time",
                    at.atOffset(ZoneOffset.ofHours(2)).toString()));
            assertEquals(at.toString(), registered.get("next_run"));
            long id = ((Number) registered.get("id")).longValue();
            assertEquals(1, ((Number) ok(client, "promptyoself__list", Map.of("agent_id", "agent-e2e"))
                    .get("count")).intValue());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (letta.messages().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(1, letta.messages().size(), () -> "no delivery; log:\n" + server.log());
            String[] message = letta.messages().get(0);
            assertEquals("/v1/agents/agent-e2e/messages", message[1]);
            assertEquals("Bearer " + TOKEN, message[2]);
            assertEquals("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
                    + "\"Time to reflect on today's work\"}]}]}", message[3]);
            assertFalse(Instant.now().isBefore(at), "not before its time");

            Map<?, ?> done = awaitInactive(client, id);
            assertEquals("completed", done.get("status"));
            assertEquals(1, ((Number) done.get("repetition_count")).intValue());
            assertEquals(0, ((Number) ok(client, "promptyoself__list", Map.of()).get("count")).intValue());

            long hourly = ((Number) ok(client, "promptyoself__register", Map.of("agent_id", "agent-e2e", "prompt",
                    "hourly", "cron", "0 * * * *", "timezone", "Asia/Kolkata", "skip_validation", true)).get("id"))
                    .longValue();
            assertEquals("Schedule " + hourly + " cancelled", ok(client, "promptyoself__cancel",
                    Map.of("id", hourly)).get("message"));
            CallToolResult missing = call(client, "promptyoself__cancel", Map.of("id", 999));
            assertTrue(missing.isError());
            assertEquals("not_found", ((Map<?, ?>) DemoPluginsE2E.structured(missing).get("error")).get("code"));
            assertEquals("0 prompts executed", ok(client, "promptyoself__execute", Map.of()).get("message"));
            assertEquals(1, letta.messages().size(), "delivered once");
            if (sqliteFile != null) {
                assertTrue(Files.exists(sqliteFile));
            }
            assertTrue(server.log().contains("PromptYoSelf started: prompts in " + location), server.log());
            assertFalse(server.log().contains(TOKEN), "the token is never logged");
        }
    }

    /** The scheduler records the delivery just after the fake got it: wait for the row to be finished. */
    private static Map<?, ?> awaitInactive(McpSyncClient client, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (Object row : (List<?>) ok(client, "promptyoself__list", Map.of("all", true)).get("schedules")) {
                Map<?, ?> schedule = (Map<?, ?>) row;
                if (((Number) schedule.get("id")).longValue() == id && Boolean.FALSE.equals(schedule.get("active"))) {
                    return schedule;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("prompt " + id + " still active after its delivery");
            }
            Thread.sleep(200);
        }
    }

    private static CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    private static Map<String, Object> ok(McpSyncClient client, String tool, Map<String, Object> arguments) {
        CallToolResult result = call(client, tool, arguments);
        assertFalse(result.isError(), () -> tool + ": " + DemoPluginsE2E.text(result));
        Map<String, Object> structured = DemoPluginsE2E.structured(result);
        assertEquals("success", structured.get("status"));
        return structured;
    }
}
