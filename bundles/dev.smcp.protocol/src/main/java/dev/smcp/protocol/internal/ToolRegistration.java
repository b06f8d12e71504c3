package dev.smcp.protocol.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.smcp.api.McpTool;

/**
 * A tool service as the catalog sees it: plain values, so that the catalog needs no OSGi framework.
 *
 * @param serviceId the {@code service.id}
 * @param ranking the {@code service.ranking} (0 when absent or not an {@code Integer})
 * @param bundleId the id of the registering bundle
 * @param bundle the registering bundle as {@code symbolicName:version}, for logs
 * @param properties the service properties (at least the {@code mcp.tool.*} ones)
 * @param service supplies the tool object when a call needs it; may return {@code null} when the service is gone
 */
record ToolRegistration(long serviceId, int ranking, long bundleId, String bundle, Map<String, ?> properties,
        Supplier<McpTool> service) {

    ToolRegistration {
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        Objects.requireNonNull(service, "service");
        bundle = bundle == null ? "unknown" : bundle;
    }
}
