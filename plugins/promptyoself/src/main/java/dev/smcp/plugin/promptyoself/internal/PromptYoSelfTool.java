package dev.smcp.plugin.promptyoself.internal;

import java.sql.SQLException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.smcp.api.McpTool;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolResult;

/**
 * What the PromptYoSelf tools share: the engine, and the result contract. A tool computes a JSON object with
 * {@code "status": "success"}, returned as structured content and as its JSON text; a failure is a structured tool
 * error ({@code isError}, {@code {"error": {"code", "message"}}}) rather than a {@code status: error} success.
 */
abstract class PromptYoSelfTool implements McpTool {

    private static final ObjectMapper JSON = new ObjectMapper();

    final PromptYoSelf engine;

    PromptYoSelfTool(PromptYoSelf engine) {
        this.engine = engine;
    }

    @Override
    public final ToolResult call(Map<String, Object> arguments, ToolCallContext context)
            throws JsonProcessingException, InterruptedException {
        Map<String, Object> result;
        try {
            result = compute(arguments);
        } catch (ToolFailure e) {
            return ToolResult.error(e.code(), e.getMessage());
        } catch (LettaClient.LettaException e) {
            return ToolResult.error(ToolFailure.LETTA_ERROR, "Letta server request failed: " + e.getMessage());
        } catch (SQLException e) {
            return ToolResult.error(ToolFailure.STORAGE_ERROR, "Database error: " + e.getMessage());
        }
        return ToolResult.structured(JSON.writeValueAsString(result), result);
    }

    /**
     * @param arguments the call arguments, as decoded JSON
     * @return the result object, starting with {@code "status": "success"}
     */
    abstract Map<String, Object> compute(Map<String, Object> arguments)
            throws ToolFailure, LettaClient.LettaException, SQLException, InterruptedException;
}
