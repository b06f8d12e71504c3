package dev.smcp.plugin.promptyoself.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Letta REST calls PromptYoSelf makes: list agents ({@code GET /v1/agents/}, every page), look one up
 * ({@code GET /v1/agents/{id}}), and send a user message ({@code POST /v1/agents/{id}/messages} with the original's
 * body). The token goes only into the {@code Authorization} header, never into messages. Thread-safe.
 * <p>
 * As the original, a message that Letta refuses with its {@code ChatMLInnerMonologueWrapper} error (an answer naming
 * both {@code description} and that wrapper, which some model wrappers of Letta raise on the plain endpoint) is
 * sent again to {@code POST /v1/agents/{id}/messages/stream}, whose event stream is read to its end.
 */
final class LettaClient {

    /** Agents asked for per page. */
    static final int PAGE_SIZE = 100;
    /** Longest piece of a response body quoted in an error. */
    private static final int BODY_QUOTE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl the server, e.g. {@code http://localhost:8283}; a trailing slash is dropped
     * @param token the bearer token, or {@code null}/empty for none
     * @param timeout the longest a request may take
     * @param executor runs the HTTP client's work; owned by the caller
     */
    LettaClient(String baseUrl, String token, Duration timeout, Executor executor) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the Letta base URL must be an http or https URL: " + base);
        }
        this.baseUrl = base;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Ends the HTTP client's own selector thread where the JDK can (Java 21 and newer); on 17 it ends when unused. */
    void close() {
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the executor is shut down by the owner anyway
            }
        }
    }

    /** A Letta call failed: unreachable, timed out, or an answer other than 2xx. The message has no secrets. */
    static final class LettaException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final boolean monologueWrapperError;

        LettaException(String message, int status) {
            this(message, status, false);
        }

        LettaException(String message, int status, boolean monologueWrapperError) {
            super(message);
            this.status = status;
            this.monologueWrapperError = monologueWrapperError;
        }

        /** @return whether Letta answered with the error that the streaming endpoint avoids */
        boolean monologueWrapperError() {
            return monologueWrapperError;
        }

        /** @return the HTTP status, or 0 when there was no answer */
        int status() {
            return status;
        }
    }

    /** @return every agent, as {@code {id, name, created_at, last_updated}} */
    List<Map<String, Object>> listAgents() throws LettaException, InterruptedException {
        List<Map<String, Object>> agents = new ArrayList<>();
        String after = null;
        while (true) {
            String path = "/v1/agents/?limit=" + PAGE_SIZE + (after == null ? "" : "&after=" + encode(after));
            JsonNode page = parse(send("GET", path, null), path);
            if (!page.isArray()) {
                throw new LettaException("GET /v1/agents/ did not answer a JSON array", 200);
            }
            for (JsonNode agent : page) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", text(agent, "id"));
                entry.put("name", agent.hasNonNull("name") ? agent.get("name").asText() : "Unknown");
                entry.put("created_at", text(agent, "created_at"));
                entry.put("last_updated", text(agent, "last_updated"));
                agents.add(entry);
            }
            String last = page.isEmpty() ? null : text(page.get(page.size() - 1), "id");
            if (page.size() < PAGE_SIZE || last == null || last.equals(after)) {
                return agents;
            }
            after = last;
        }
    }

    /** @return whether the agent exists */
    boolean agentExists(String agentId) throws LettaException, InterruptedException {
        try {
            send("GET", "/v1/agents/" + encode(agentId), null);
            return true;
        } catch (LettaException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Sends the prompt as a user message to the agent; any 2xx answer is a delivery. */
    void sendMessage(String agentId, String prompt) throws LettaException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        ObjectNode message = messages.addObject();
        message.put("role", "user");
        message.putArray("content").addObject().put("type", "text").put("text", prompt);
        String path = "/v1/agents/" + encode(agentId) + "/messages";
        try {
            send("POST", path, body.toString());
        } catch (LettaException e) {
            if (!e.monologueWrapperError()) {
                throw e;
            }
            send("POST", path + "/stream", body.toString(), "text/event-stream");
        }
    }

    private String send(String method, String path, String jsonBody) throws LettaException, InterruptedException {
        return send(method, path, jsonBody, "application/json");
    }

    private String send(String method, String path, String jsonBody, String accept)
            throws LettaException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (jsonBody == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        }
        String what = method + " " + path.replaceAll("\\?.*", "");
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LettaException(what + " failed: " + describe(e), 0);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String text = response.body() == null ? "" : response.body().strip();
            boolean wrapperError = text.contains("description") && text.contains("ChatMLInnerMonologueWrapper");
            if (text.length() > BODY_QUOTE) {
                text = text.substring(0, BODY_QUOTE) + "...";
            }
            throw new LettaException(what + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text), status,
                    wrapperError);
        }
        return response.body();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static JsonNode parse(String body, String path) throws LettaException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LettaException("GET " + path.replaceAll("\\?.*", "") + " did not answer JSON", 200);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
