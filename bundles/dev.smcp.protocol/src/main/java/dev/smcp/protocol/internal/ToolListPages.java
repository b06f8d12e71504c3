package dev.smcp.protocol.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.McpTool;

/**
 * Builds {@code tools/list} results: the tools in name order, paged, each shaped for the negotiated protocol version
 * ({@code annotations} from 2025-03-26 on, {@code title} and {@code outputSchema} from 2025-06-18 on).
 * <p>
 * A cursor names the last tool of the previous page (base64url of its name), so paging stays consistent while tools
 * come and go: the next page starts after that name whether or not the tool still exists.
 */
final class ToolListPages {

    private static final String ANNOTATIONS_SINCE = "2025-03-26";
    private static final String TITLE_AND_OUTPUT_SINCE = "2025-06-18";

    private ToolListPages() {
    }

    /**
     * @param listing the offered tools in name order
     * @param protocolVersion the negotiated protocol version
     * @param cursor the client's cursor, or {@code null} for the first page
     * @param pageSize the most tools on one page, at least 1
     * @return the {@code tools/list} result, with {@code nextCursor} unless it is the last page
     * @throws JsonRpcException {@code -32602} for a cursor this server did not issue
     */
    static ObjectNode page(List<ToolCatalog.Listing> listing, String protocolVersion, String cursor, int pageSize) {
        int start = 0;
        if (cursor != null) {
            String after = decode(cursor);
            while (start < listing.size() && listing.get(start).name().compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(listing.size(), start + pageSize);
        boolean annotations = protocolVersion.compareTo(ANNOTATIONS_SINCE) >= 0;
        boolean titleAndOutput = protocolVersion.compareTo(TITLE_AND_OUTPUT_SINCE) >= 0;
        ObjectNode result = JsonRpc.object();
        ArrayNode tools = result.putArray("tools");
        for (ToolCatalog.Listing tool : listing.subList(start, end)) {
            ObjectNode json = tool.json();
            if (annotations && titleAndOutput) {
                tools.add(json);
                continue;
            }
            ObjectNode shaped = json.deepCopy();
            if (!annotations) {
                shaped.remove("annotations");
            }
            shaped.remove("title");
            shaped.remove("outputSchema");
            tools.add(shaped);
        }
        if (end < listing.size()) {
            result.put("nextCursor", encode(listing.get(end - 1).name()));
        }
        return result;
    }

    static String encode(String toolName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(toolName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!name.isEmpty() && name.matches(McpTool.NAME_PATTERN)) {
                return name;
            }
        } catch (IllegalArgumentException e) {
            // not base64url
        }
        throw new JsonRpcException(JsonRpc.INVALID_PARAMS, "Invalid cursor");
    }
}
