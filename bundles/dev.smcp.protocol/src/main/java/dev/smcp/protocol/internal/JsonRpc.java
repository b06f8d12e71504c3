package dev.smcp.protocol.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC 2.0 codec: parsing, classifying received messages, and building compact responses.
 * Jackson stays inside this bundle.
 */
final class JsonRpc {

    static final String VERSION = "2.0";

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    /** Thread-safe once built; compact output, strict input (no trailing tokens). */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonRpc() {
    }

    /** A received message, classified. */
    sealed interface Message permits Request, Notification, IgnoredNotification, Response, Invalid {
    }

    /** A request: has a valid id and a method. {@code params} is an object, an array or {@code null}. */
    record Request(JsonNode id, String method, JsonNode params) implements Message {
    }

    /** A notification: a method and no id. */
    record Notification(String method, JsonNode params) implements Message {
    }

    /** A response (result or error) from the client. */
    record Response(JsonNode id) implements Message {
    }

    /** Not a JSON-RPC 2.0 message; {@code id} is the id to echo in the error (a null node when unreadable). */
    /** A notification with malformed params: ignored, since notifications get no response. */
    record IgnoredNotification(String method) implements Message {
    }

    record Invalid(JsonNode id) implements Message {
    }

    /**
     * @param text the received text
     * @return the JSON tree, or {@code null} when the text is not one JSON value
     */
    static JsonNode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** @return whether {@code id} may identify a request: a string or an integer */
    static boolean isValidId(JsonNode id) {
        return id != null && (id.isTextual() || id.isIntegralNumber());
    }

    /** Classifies one JSON value (not an array) as a JSON-RPC message. */
    static Message classify(JsonNode node) {
        if (!(node instanceof ObjectNode message)) {
            return new Invalid(NullNode.getInstance());
        }
        JsonNode id = message.get("id");
        JsonNode echoId = isValidId(id) ? id : NullNode.getInstance();
        JsonNode version = message.get("jsonrpc");
        if (version == null || !VERSION.equals(version.textValue())) {
            return new Invalid(echoId);
        }
        JsonNode method = message.get("method");
        if (method != null) {
            JsonNode params = message.get("params");
            if (params != null && params.isNull()) {
                params = null; // some clients write "params": null for "no params"
            }
            boolean paramsValid = params == null || params.isObject() || params.isArray();
            if (id == null && method.isTextual()) {
                // a notification is never answered, not even a malformed one
                return paramsValid ? new Notification(method.textValue(), params)
                        : new IgnoredNotification(method.textValue());
            }
            if (!method.isTextual() || !isValidId(id) || !paramsValid) {
                return new Invalid(echoId);
            }
            return new Request(id, method.textValue(), params);
        }
        boolean hasResult = message.has("result");
        boolean hasError = message.has("error");
        if (hasResult != hasError && (isValidId(id) || (hasError && id != null && id.isNull()))) {
            return new Response(id);
        }
        return new Invalid(echoId);
    }

    /** @return {@code {"jsonrpc":"2.0","id":id,"result":result}} */
    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", VERSION);
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    /** @return {@code {"jsonrpc":"2.0","id":id,"error":{"code":code,"message":message,"data":data?}}} */
    static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode error = NODES.objectNode();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", VERSION);
        response.set("id", id == null ? NullNode.getInstance() : id);
        response.set("error", error);
        return response;
    }

    /** @return {@code {"jsonrpc":"2.0","method":method}} */
    static ObjectNode notification(String method) {
        ObjectNode notification = NODES.objectNode();
        notification.put("jsonrpc", VERSION);
        notification.put("method", method);
        return notification;
    }

    /** @return {@code {"jsonrpc":"2.0","method":method,"params":params}} */
    static ObjectNode notification(String method, ObjectNode params) {
        ObjectNode notification = notification(method);
        notification.set("params", params);
        return notification;
    }

    /** @return the compact JSON text of {@code node}, without line breaks */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // a tree built from JsonNodes and plain values always serializes
            throw new IllegalStateException("Cannot serialize a JSON-RPC message", e);
        }
    }

    /** @return a new empty JSON object */
    static ObjectNode object() {
        return NODES.objectNode();
    }
}
