package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.smcp.api.McpTool;
import dev.smcp.api.ToolResult;
import dev.smcp.api.runtime.FailedToolDTO;

class ToolCatalogTest {

    private final AtomicInteger changes = new AtomicInteger();
    private final ToolCatalog catalog = new ToolCatalog(changes::incrementAndGet);

    private static ToolRegistration tool(long id, int ranking, Map<String, ?> properties) {
        McpTool tool = (a, c) -> ToolResult.text(String.valueOf(id));
        return new ToolRegistration(id, ranking, 3, "b:1.0.0", properties, () -> tool);
    }

    private static ToolRegistration named(long id, int ranking, String name) {
        return tool(id, ranking, Map.of(McpTool.NAME, name));
    }

    @Test
    void theHighestRankingWinsThenTheLowestServiceId() {
        catalog.put(named(1, 0, "x"));
        catalog.put(named(3, 5, "x"));
        catalog.put(named(2, 5, "x"));
        ToolCatalog.Snapshot snapshot = catalog.snapshot();
        assertEquals(2, snapshot.tool("x").serviceId());
        assertEquals(List.of(1L, 3L), snapshot.failed().stream().map(FailedTool::serviceId).toList());
        snapshot.failed().forEach(f -> {
            assertEquals(FailedToolDTO.FAILURE_REASON_SHADOWED, f.reason());
            assertEquals("x", f.name());
            assertTrue(f.message().contains("service 2"), f.message());
        });

        catalog.remove(2);
        assertEquals(3, catalog.snapshot().tool("x").serviceId());
        catalog.remove(3);
        assertEquals(1, catalog.snapshot().tool("x").serviceId());
        assertTrue(catalog.snapshot().failed().isEmpty());
    }

    @Test
    void invalidNamesAreReported() {
        catalog.put(tool(1, 0, Map.of()));
        catalog.put(named(2, 0, "has space"));
        catalog.put(named(3, 0, "x".repeat(65)));
        catalog.put(named(4, 0, ""));
        catalog.put(named(5, 0, "dotted.name"));
        catalog.put(tool(6, 0, Map.of(McpTool.NAME, 42)));
        catalog.put(named(7, 0, "ok-Name_1" + "y".repeat(55)));
        ToolCatalog.Snapshot snapshot = catalog.snapshot();
        assertEquals(1, snapshot.tools().size());
        assertEquals(6, snapshot.failed().size());
        snapshot.failed().forEach(f -> assertEquals(FailedToolDTO.FAILURE_REASON_INVALID_NAME, f.reason()));
        assertNull(snapshot.failed().get(0).name());
        assertEquals("has space", snapshot.failed().get(1).name());
        assertEquals("42", snapshot.failed().get(5).name());
        assertEquals(1, changes.get());
    }

    @Test
    void invalidSchemasAreReported() {
        String[] bad = { "not json", "[1]", "\"object\"", "{\"type\":\"string\"}", "{\"properties\":{}}",
                "{\"type\":\"object\"} extra", "{\"type\":[\"object\"]}" };
        for (int i = 0; i < bad.length; i++) {
            catalog.put(tool(i + 1, 0, Map.of(McpTool.NAME, "t" + i, McpTool.INPUT_SCHEMA, bad[i])));
        }
        catalog.put(tool(100, 0, Map.of(McpTool.NAME, "nonString", McpTool.INPUT_SCHEMA, 5)));
        ToolCatalog.Snapshot snapshot = catalog.snapshot();
        assertTrue(snapshot.tools().isEmpty());
        assertEquals(bad.length + 1, snapshot.failed().size());
        snapshot.failed().forEach(f -> assertEquals(FailedToolDTO.FAILURE_REASON_INVALID_SCHEMA, f.reason(),
                f.message()));
        assertEquals(0, changes.get());
    }

    @Test
    void theSchemaIsKeptAsGivenOrDefaulted() {
        catalog.put(tool(1, 0, Map.of(McpTool.NAME, "a", McpTool.INPUT_SCHEMA,
                "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\"}}}")));
        catalog.put(named(2, 0, "b"));
        ToolCatalog.Snapshot snapshot = catalog.snapshot();
        assertEquals("number", snapshot.tool("a").inputSchema().at("/properties/n/type").textValue());
        assertSame(ToolCatalog.DEFAULT_SCHEMA, snapshot.tool("b").inputSchema());
        assertEquals("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}",
                JsonRpc.write(snapshot.tool("b").inputSchema()));
        assertEquals("{\"tools\":[{\"name\":\"a\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"n\":"
                + "{\"type\":\"number\"}}}},{\"name\":\"b\",\"inputSchema\":{\"type\":\"object\",\"properties\":{},"
                + "\"additionalProperties\":false}}]}", JsonRpc.write(ToolListPages.page(snapshot.listing(), "2025-11-25", null, 10)));
    }

    @Test
    void listenersHearOnlyChangesClientsCanSee() {
        catalog.put(named(1, 0, "x"));
        assertEquals(1, changes.get());
        catalog.put(named(2, -1, "x")); // shadowed
        catalog.put(named(3, 0, "bad name")); // invalid
        assertEquals(1, changes.get());
        catalog.put(named(1, 0, "x")); // updated, same properties
        assertEquals(1, changes.get());
        catalog.put(tool(1, 0, Map.of(McpTool.NAME, "x", McpTool.DESCRIPTION, "now described")));
        assertEquals(2, changes.get());
        catalog.remove(2);
        catalog.remove(3);
        catalog.remove(99);
        assertEquals(2, changes.get());
        catalog.put(tool(4, 9, Map.of(McpTool.NAME, "x", McpTool.DESCRIPTION, "now described")));
        assertEquals(2, changes.get(), "another service with the same listing takes over: nothing to tell");
        catalog.remove(4);
        catalog.remove(1);
        assertEquals(3, changes.get());
        assertTrue(catalog.snapshot().tools().isEmpty());
    }
}
