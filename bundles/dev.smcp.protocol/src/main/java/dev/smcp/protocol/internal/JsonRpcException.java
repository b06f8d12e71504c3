package dev.smcp.protocol.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** A request handler's way to answer with a JSON-RPC error. Carries no stack trace. */
final class JsonRpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient JsonNode data;

    JsonRpcException(int code, String message) {
        this(code, message, null);
    }

    JsonRpcException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    static JsonRpcException invalidParams(String detail) {
        return new JsonRpcException(JsonRpc.INVALID_PARAMS, "Invalid params: " + detail);
    }

    int code() {
        return code;
    }

    /** @return the error's {@code data}, or {@code null} */
    JsonNode data() {
        return data;
    }
}
