package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.NullNode;

class JsonRpcTest {

    @Test
    void classifiesMessages() {
        assertInstanceOf(JsonRpc.Request.class,
                JsonRpc.classify(JsonRpc.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[]}")));
        assertInstanceOf(JsonRpc.Notification.class,
                JsonRpc.classify(JsonRpc.parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}")));
        assertInstanceOf(JsonRpc.Response.class,
                JsonRpc.classify(JsonRpc.parse("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":null}")));
        assertInstanceOf(JsonRpc.Invalid.class, JsonRpc.classify(JsonRpc.parse("[]")));
    }

    @Test
    void parsesOnlyOneJsonValue() {
        assertNull(JsonRpc.parse("{} {}"));
        assertNull(JsonRpc.parse(""));
        assertNull(JsonRpc.parse("{'single':'quotes'}"));
        assertNull(JsonRpc.parse("[NaN]"));
        assertEquals(1, JsonRpc.parse(" [1] ").size());
    }

    @Test
    void writesCompactly() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32603,\"message\":\"Internal error\","
                + "\"data\":\"a\\nb\"}}", JsonRpc.write(JsonRpc.error(NullNode.getInstance(), JsonRpc.INTERNAL_ERROR,
                        "Internal error", JsonRpc.parse("\"a\\nb\""))));
    }
}
