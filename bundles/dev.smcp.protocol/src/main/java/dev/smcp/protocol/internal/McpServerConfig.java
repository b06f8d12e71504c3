package dev.smcp.protocol.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MCP protocol engine (PID {@value McpServer#PID}). */
@ObjectClassDefinition(id = McpServer.PID, name = "SMCP protocol",
        description = "The MCP protocol engine: server identity, tool call concurrency and list_changed notifications.")
@interface McpServerConfig {

    String DEFAULT_SERVER_NAME = "smcp-osgi";
    int DEFAULT_MAX_CONCURRENT_CALLS = 64;
    int DEFAULT_MAX_QUEUED_CALLS = 256;
    long DEFAULT_LIST_CHANGED_DEBOUNCE_MILLIS = 100;
    int DEFAULT_TOOLS_PAGE_SIZE = 500;
    int DEFAULT_MAX_CALLS_PER_SESSION = 32;

    @AttributeDefinition(name = "Server name",
            description = "The name the server reports to clients in serverInfo.name of the initialize result.")
    String serverName() default DEFAULT_SERVER_NAME;

    @AttributeDefinition(name = "Maximum concurrent tool calls", min = "1",
            description = "How many tools/call requests may run at the same time, across all sessions.")
    int maxConcurrentCalls() default DEFAULT_MAX_CONCURRENT_CALLS;

    @AttributeDefinition(name = "Maximum queued tool calls", min = "0",
            description = "How many tools/call requests may wait for a free slot. A call beyond running and queued "
                    + "calls is answered at once with an isError result whose code is 'busy'.")
    int maxQueuedCalls() default DEFAULT_MAX_QUEUED_CALLS;

    @AttributeDefinition(name = "Maximum tool calls per session", min = "1",
            description = "How many tools/call requests one session may have running or queued at once, so that one "
                    + "client cannot take every slot. A call beyond this is answered at once with an isError result "
                    + "whose code is 'busy'.")
    int maxCallsPerSession() default DEFAULT_MAX_CALLS_PER_SESSION;

    @AttributeDefinition(name = "list_changed debounce (ms)", min = "0",
            description = "How long the tool catalog must be quiet before initialized sessions are sent "
                    + "notifications/tools/list_changed, so that a burst of tool registrations yields one notification.")
    long listChangedDebounceMillis() default DEFAULT_LIST_CHANGED_DEBOUNCE_MILLIS;

    @AttributeDefinition(name = "tools/list page size", min = "1",
            description = "The most tools one tools/list result holds; a larger catalog is paged with nextCursor. "
                    + "Some clients read only the first page, so keep it above the number of tools you expect.")
    int toolsPageSize() default DEFAULT_TOOLS_PAGE_SIZE;
}
