package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonMessagesTest {

    @Test
    void aBodyTellsItsRequestsAndCancellations() {
        JsonMessages.PostBody body = JsonMessages.parseBody("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\"},{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":\"x\"}},{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}]");
        assertTrue(body.batch());
        assertEquals(5, body.size());
        assertFalse(body.initialize());
        assertEquals(Map.of("1", 2, "\"a\"", 1), body.requests());
        assertEquals(List.of("\"x\""), body.cancelled());
    }

    @Test
    void initializeAloneOrInABatch() {
        assertTrue(JsonMessages.parseBody("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}")
                .isInitializeAlone());
        JsonMessages.PostBody batch = JsonMessages.parseBody("[{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\"}]");
        assertTrue(batch.initialize());
        assertFalse(batch.isInitializeAlone());
        assertFalse(JsonMessages.parseBody("{\"jsonrpc\":\"2.0\",\"method\":\"initialize\"}").isInitializeAlone());
        assertNull(JsonMessages.parseBody("{\"a\":1} trailing"));
    }

    @Test
    void responsesAreToldFromNotifications() {
        assertEquals("7", JsonMessages.responseId("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"));
        assertEquals("\"s\"", JsonMessages.responseId("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"error\":{}}"));
        assertEquals("null", JsonMessages.responseId("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{}}"));
        assertNull(JsonMessages.responseId("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}"));
    }

    @Test
    void negotiatedVersionAndErrors() {
        assertEquals("2025-06-18", JsonMessages.negotiatedVersion(
                "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-06-18\"}}"));
        assertNull(JsonMessages.negotiatedVersion("{\"jsonrpc\":\"2.0\",\"id\":0,\"error\":{\"code\":-32602}}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"no\"}}",
                JsonMessages.error(-32600, "no"));
    }
}
