package dev.smcp.health.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.smcp.api.runtime.McpServerRuntime;
import dev.smcp.api.runtime.PluginRuntime;

/**
 * Reads the runtime views for the health tool and the health servlet, a service private to this bundle. The plugins
 * bundle is optional: without it the report lists no plugins.
 */
@Component(service = HealthReporter.class)
public class HealthReporter {

    private final McpServerRuntime server;
    private final AtomicReference<PluginRuntime> plugins = new AtomicReference<>();

    /** @param server the protocol engine's runtime view */
    @Activate
    public HealthReporter(@Reference McpServerRuntime server) {
        this.server = server;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setPlugins(PluginRuntime plugins) {
        this.plugins.set(plugins);
    }

    void unsetPlugins(PluginRuntime gone) {
        plugins.compareAndSet(gone, null);
    }

    /** @return the health report now */
    Map<String, Object> report() {
        PluginRuntime current = plugins.get();
        return HealthReport.of(server.getServerDTO(), current == null ? null : current.getPlugins(),
                System.currentTimeMillis());
    }
}
