package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class McpHeadersTest {

    @Test
    void acceptMatchesTypesRangesAndQuality() {
        assertTrue(McpHeaders.accepts("application/json, text/event-stream", "application/json"));
        assertTrue(McpHeaders.accepts("application/json, text/event-stream", "text/event-stream"));
        assertTrue(McpHeaders.accepts("Application/JSON;q=0.9", "application/json"));
        assertTrue(McpHeaders.accepts("*/*", "text/event-stream"));
        assertTrue(McpHeaders.accepts("text/*", "text/event-stream"));
        assertFalse(McpHeaders.accepts("application/json", "text/event-stream"));
        assertFalse(McpHeaders.accepts("text/event-stream;q=0", "text/event-stream"));
        assertFalse(McpHeaders.accepts(null, "application/json"));
        assertFalse(McpHeaders.accepts("application/jsonx", "application/json"));
    }

    @Test
    void protocolVersionHeader() {
        assertNull(McpHeaders.checkProtocolVersion("2025-06-18", "2025-06-18"));
        assertNull(McpHeaders.checkProtocolVersion(null, "2025-03-26"));
        assertNull(McpHeaders.checkProtocolVersion(null, "2024-11-05"));
        assertNotNull(McpHeaders.checkProtocolVersion(null, "2025-06-18"));
        assertNotNull(McpHeaders.checkProtocolVersion("2025-03-26", "2025-11-25"));
        assertNotNull(McpHeaders.checkProtocolVersion("2030-01-01", "2025-11-25"));
    }
}
