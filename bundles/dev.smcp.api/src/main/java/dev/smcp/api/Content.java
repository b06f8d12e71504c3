package dev.smcp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One block of a tool result's content, as in the MCP {@code ContentBlock} union.
 */
@ProviderType
public interface Content {

    /** @return the MCP content type, e.g. {@code "text"} */
    String type();
}
