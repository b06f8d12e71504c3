package dev.smcp.protocol.internal;

/**
 * The effective settings of the server, with out-of-range values corrected.
 *
 * @param serverName the name reported in {@code serverInfo}
 * @param maxConcurrentCalls tool calls running at once, at least 1
 * @param maxQueuedCalls tool calls waiting for a slot, at least 0
 * @param listChangedDebounceMillis the quiet time before {@code notifications/tools/list_changed}, at least 0
 * @param toolsPageSize the most tools in one {@code tools/list} result, at least 1
 * @param maxCallsPerSession tool calls one session may have running or queued at once, at least 1
 */
record ServerSettings(String serverName, int maxConcurrentCalls, int maxQueuedCalls, long listChangedDebounceMillis,
        int toolsPageSize, int maxCallsPerSession) {

    ServerSettings {
        serverName = serverName == null || serverName.isBlank() ? McpServerConfig.DEFAULT_SERVER_NAME : serverName.trim();
        maxConcurrentCalls = Math.max(1, maxConcurrentCalls);
        maxQueuedCalls = Math.max(0, maxQueuedCalls);
        listChangedDebounceMillis = Math.max(0, listChangedDebounceMillis);
        toolsPageSize = toolsPageSize >= 1 ? toolsPageSize : McpServerConfig.DEFAULT_TOOLS_PAGE_SIZE;
        maxCallsPerSession = Math.max(1, maxCallsPerSession);
    }

    /** Settings with the default page size and per-session cap. */
    ServerSettings(String serverName, int maxConcurrentCalls, int maxQueuedCalls, long listChangedDebounceMillis) {
        this(serverName, maxConcurrentCalls, maxQueuedCalls, listChangedDebounceMillis,
                McpServerConfig.DEFAULT_TOOLS_PAGE_SIZE, McpServerConfig.DEFAULT_MAX_CALLS_PER_SESSION);
    }

    static ServerSettings from(McpServerConfig config) {
        return new ServerSettings(config.serverName(), config.maxConcurrentCalls(), config.maxQueuedCalls(),
                config.listChangedDebounceMillis(), config.toolsPageSize(), config.maxCallsPerSession());
    }

    /** @return the defaults of {@link McpServerConfig} */
    static ServerSettings defaults() {
        return new ServerSettings(McpServerConfig.DEFAULT_SERVER_NAME, McpServerConfig.DEFAULT_MAX_CONCURRENT_CALLS,
                McpServerConfig.DEFAULT_MAX_QUEUED_CALLS, McpServerConfig.DEFAULT_LIST_CHANGED_DEBOUNCE_MILLIS);
    }
}
