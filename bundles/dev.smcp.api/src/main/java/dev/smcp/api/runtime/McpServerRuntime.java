package dev.smcp.api.runtime;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A snapshot view of the MCP server. Provided by the protocol bundle. Thread-safe.
 */
@ProviderType
public interface McpServerRuntime {

    /** @return a new snapshot of the server's state */
    ServerDTO getServerDTO();
}
