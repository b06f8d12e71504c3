package dev.smcp.plugin.promptyoself.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Letta server on loopback that records every request: agents from a list (paged with {@code limit} and
 * {@code after}), {@code GET /v1/agents/{id}}, and {@code POST /v1/agents/{id}/messages} answered with
 * {@link #messageStatus}.
 */
final class FakeLetta implements AutoCloseable {

    /** A request as received. */
    record Request(String method, String path, String query, String authorization, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<String> agentIds = new CopyOnWriteArrayList<>();
    volatile int messageStatus = 200;
    /** The body of a refused message ({@link #messageStatus} other than 200). */
    volatile String refusal = "{\"detail\":\"unavailable\"}";
    /** How long each message takes to be accepted. */
    volatile long messageDelayMillis;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    FakeLetta(String... agents) throws IOException {
        agentIds.addAll(List.of(agents));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the messages delivered: agent id and text of each accepted {@code POST .../messages} */
    List<String[]> delivered() throws IOException {
        List<String[]> messages = new ArrayList<>();
        for (Request request : requests) {
            if (request.method().equals("POST") && request.path().endsWith("/messages")) {
                String agent = request.path().split("/")[3];
                String text = JSON.readTree(request.body()).path("messages").path(0).path("content").path(0)
                        .path("text").asText();
                messages.add(new String[] {agent, text});
            }
        }
        return messages;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(exchange.getRequestMethod(), path, query,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String[] parts = path.split("/");
        if (exchange.getRequestMethod().equals("GET") && path.equals("/v1/agents/")) {
            reply(exchange, 200, JSON.writeValueAsString(page(query)));
        } else if (exchange.getRequestMethod().equals("GET") && parts.length == 4 && path.startsWith("/v1/agents/")) {
            boolean known = agentIds.contains(parts[3]);
            reply(exchange, known ? 200 : 404, known ? JSON.writeValueAsString(agent(parts[3]))
                    : "{\"detail\":\"Agent not found\"}");
        } else if (exchange.getRequestMethod().equals("POST") && parts.length == 5 && parts[4].equals("messages")) {
            pause(messageDelayMillis);
            reply(exchange, messageStatus, messageStatus == 200 ? "{\"messages\":[],\"usage\":{}}" : refusal);
        } else if (exchange.getRequestMethod().equals("POST") && parts.length == 6 && parts[4].equals("messages")
                && parts[5].equals("stream")) {
            byte[] events = ("data: {\"message_type\":\"assistant_message\"}\n\n" + "data: [DONE]\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, events.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(events);
            }
        } else {
            reply(exchange, 404, "{\"detail\":\"Not Found\"}");
        }
    }

    private List<Map<String, Object>> page(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        int limit = Integer.parseInt(params.getOrDefault("limit", "50"));
        int start = params.containsKey("after") ? agentIds.indexOf(params.get("after")) + 1 : 0;
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = start; i < agentIds.size() && page.size() < limit; i++) {
            page.add(agent(agentIds.get(i)));
        }
        return page;
    }

    private static Map<String, Object> agent(String id) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("id", id);
        agent.put("name", "name of " + id);
        agent.put("created_at", "2026-01-02T03:04:05Z");
        agent.put("last_updated", null);
        agent.put("system", "ignored");
        return agent;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
