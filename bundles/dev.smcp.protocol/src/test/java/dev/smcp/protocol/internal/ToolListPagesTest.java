package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ToolListPagesTest {

    @Test
    void pagesFollowNamesAndTheLastPageHasNoCursor() {
        List<ToolCatalog.Listing> listing = listing("a", "b", "c", "d", "e");
        ObjectNode first = ToolListPages.page(listing, "2025-11-25", null, 2);
        assertEquals(List.of("a", "b"), names(first));
        ObjectNode second = ToolListPages.page(listing, "2025-11-25", first.get("nextCursor").textValue(), 2);
        assertEquals(List.of("c", "d"), names(second));
        ObjectNode last = ToolListPages.page(listing, "2025-11-25", second.get("nextCursor").textValue(), 2);
        assertEquals(List.of("e"), names(last));
        assertFalse(last.has("nextCursor"));
        assertFalse(ToolListPages.page(listing, "2025-11-25", null, 5).has("nextCursor"));
    }

    @Test
    void aCursorStaysValidWhenItsToolIsGone() {
        String cursor = ToolListPages.page(listing("a", "b", "c"), "2025-11-25", null, 2).get("nextCursor")
                .textValue();
        assertEquals(List.of("c"), names(ToolListPages.page(listing("a", "c"), "2025-11-25", cursor, 2)));
    }

    @Test
    void foreignCursorsAreInvalidParams() {
        for (String cursor : List.of("%%%", "", ToolListPages.encode("a b"))) {
            JsonRpcException e = assertThrows(JsonRpcException.class,
                    () -> ToolListPages.page(listing("a"), "2025-11-25", cursor, 2));
            assertEquals(JsonRpc.INVALID_PARAMS, e.code());
        }
    }

    @Test
    void fieldsFollowTheProtocolVersion() {
        ObjectNode tool = JsonRpc.object();
        tool.put("name", "t");
        tool.put("title", "T");
        tool.putObject("inputSchema").put("type", "object");
        tool.putObject("outputSchema").put("type", "object");
        tool.putObject("annotations").put("readOnlyHint", true);
        List<ToolCatalog.Listing> listing = List.of(new ToolCatalog.Listing("t", tool));

        JsonNode newest = ToolListPages.page(listing, "2025-06-18", null, 10).at("/tools/0");
        assertTrue(newest.has("title") && newest.has("outputSchema") && newest.has("annotations"));
        JsonNode march = ToolListPages.page(listing, "2025-03-26", null, 10).at("/tools/0");
        assertTrue(march.has("annotations"));
        assertFalse(march.has("title") || march.has("outputSchema"));
        JsonNode oldest = ToolListPages.page(listing, "2024-11-05", null, 10).at("/tools/0");
        assertFalse(oldest.has("annotations") || oldest.has("title") || oldest.has("outputSchema"));
        assertTrue(tool.has("title"), "the shared listing is not modified");
    }

    private static List<ToolCatalog.Listing> listing(String... names) {
        List<ToolCatalog.Listing> listing = new ArrayList<>();
        for (String name : names) {
            ObjectNode json = JsonRpc.object();
            json.put("name", name);
            listing.add(new ToolCatalog.Listing(name, json));
        }
        return listing;
    }

    private static List<String> names(ObjectNode page) {
        List<String> names = new ArrayList<>();
        page.get("tools").forEach(tool -> names.add(tool.get("name").textValue()));
        return names;
    }
}
