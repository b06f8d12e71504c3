package dev.smcp.protocol.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.smcp.api.Content;
import dev.smcp.api.TextContent;
import dev.smcp.api.ToolResult;

/** Writes {@link ToolResult}s as MCP {@code CallToolResult} objects. */
final class ToolResults {

    private ToolResults() {
    }

    /**
     * @return {@code {content:[...], isError, structuredContent?}}
     * @throws IllegalArgumentException if a content block or the structured content cannot be written as JSON
     */
    static ObjectNode toJson(ToolResult result) {
        ObjectNode json = JsonRpc.object();
        ArrayNode content = json.putArray("content");
        for (Content block : result.content()) {
            content.add(contentJson(block));
        }
        json.put("isError", result.isError());
        if (result.structuredContent() != null) {
            json.set("structuredContent", JsonRpc.MAPPER.valueToTree(result.structuredContent()));
        }
        return json;
    }

    private static ObjectNode contentJson(Content block) {
        ObjectNode json = JsonRpc.object();
        json.put("type", block.type());
        if (block instanceof TextContent text) {
            json.put("text", text.text());
            return json;
        }
        // content kinds this bundle does not know: write the block's properties as Jackson sees them
        JsonNode properties = JsonRpc.MAPPER.valueToTree(block);
        if (!(properties instanceof ObjectNode object)) {
            throw new IllegalArgumentException("Content of type " + block.type() + " is not a JSON object");
        }
        object.remove("type");
        json.setAll(object);
        return json;
    }
}
