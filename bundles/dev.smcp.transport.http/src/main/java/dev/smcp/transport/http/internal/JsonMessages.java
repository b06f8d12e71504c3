package dev.smcp.transport.http.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the Streamable HTTP transport needs to know about the JSON-RPC messages it carries: which requests a POST
 * holds (so it knows which responses to wait for), whether a message the session sends is a response, and the
 * negotiated version in an {@code initialize} result. The protocol engine does the real parsing and validation; this
 * only looks.
 */
final class JsonMessages {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    /** Implementation-defined: errors of the HTTP layer (missing or unknown session, bad headers). */
    static final int TRANSPORT_ERROR = -32000;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private JsonMessages() {
    }

    /**
     * A POST body, as far as the transport cares.
     *
     * @param batch whether it is a JSON array
     * @param size how many messages it holds (1 unless a batch)
     * @param initialize whether one of its messages is an {@code initialize} request
     * @param requests how many requests per request id (the JSON text of the id): each will be answered
     * @param cancelled the request ids (JSON text) named by {@code notifications/cancelled} in the body
     */
    record PostBody(boolean batch, int size, boolean initialize, Map<String, Integer> requests,
            List<String> cancelled) {

        /** @return whether the body is one {@code initialize} request */
        boolean isInitializeAlone() {
            return !batch && initialize;
        }
    }

    /**
     * @param text the POST body
     * @return what it holds, or {@code null} when it is not one JSON value
     */
    static PostBody parseBody(String text) {
        JsonNode root = parse(text);
        if (root == null) {
            return null;
        }
        boolean batch = root.isArray();
        List<JsonNode> messages = new ArrayList<>();
        if (batch) {
            root.forEach(messages::add);
        } else {
            messages.add(root);
        }
        boolean initialize = false;
        Map<String, Integer> requests = new HashMap<>();
        List<String> cancelled = new ArrayList<>();
        for (JsonNode message : messages) {
            JsonNode method = message.get("method");
            if (method == null) {
                continue;
            }
            JsonNode id = message.get("id");
            if (isValidId(id)) {
                // a request, or something the engine rejects with an error carrying this id: answered either way
                requests.merge(id.toString(), 1, Integer::sum);
                initialize |= "initialize".equals(method.textValue());
            } else if (id == null && "notifications/cancelled".equals(method.textValue())) {
                JsonNode requestId = message.path("params").get("requestId");
                if (isValidId(requestId)) {
                    cancelled.add(requestId.toString());
                }
            }
        }
        return new PostBody(batch, messages.size(), initialize, Map.copyOf(requests), List.copyOf(cancelled));
    }

    /**
     * @param json a message the session sent
     * @return the JSON text of its id when it is a response ({@code "null"} for a response without a readable id),
     *         {@code null} when it is a notification or a request
     */
    static String responseId(String json) {
        JsonNode node = parse(json);
        if (node == null || node.has("method")) {
            return null;
        }
        return node.path("id").isMissingNode() ? "null" : node.get("id").toString();
    }

    /**
     * @param json the response to {@code initialize}
     * @return the negotiated protocol version, or {@code null} when it is not a successful result
     */
    static String negotiatedVersion(String json) {
        JsonNode node = parse(json);
        if (node == null) {
            return null;
        }
        JsonNode version = node.path("result").get("protocolVersion");
        return version != null && version.isTextual() ? version.textValue() : null;
    }

    /**
     * @param code the JSON-RPC error code
     * @param message the error message
     * @return a JSON-RPC error response without an id
     */
    static String error(int code, String message) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("jsonrpc", "2.0");
        response.putNull("id");
        ObjectNode error = response.putObject("error");
        error.put("code", code);
        error.put("message", message);
        try {
            return MAPPER.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize a JSON-RPC error", e);
        }
    }

    private static boolean isValidId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
