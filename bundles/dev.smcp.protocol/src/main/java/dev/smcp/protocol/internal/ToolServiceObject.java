package dev.smcp.protocol.internal;

import java.util.function.Supplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import dev.smcp.api.McpTool;

/**
 * Gets a tool service object on first use and keeps it until {@link #release()}, so that a delayed DS tool
 * component is activated once rather than per call. Thread-safe.
 */
final class ToolServiceObject implements Supplier<McpTool> {

    private final BundleContext context;
    private final ServiceReference<McpTool> reference;

    // guarded by this
    private McpTool service;
    private boolean released;

    ToolServiceObject(BundleContext context, ServiceReference<McpTool> reference) {
        this.context = context;
        this.reference = reference;
    }

    /** @return the service object, or {@code null} when the service is gone */
    @Override
    public synchronized McpTool get() {
        if (service == null && !released) {
            try {
                service = context.getService(reference);
            } catch (IllegalStateException e) {
                return null; // our bundle context is no longer valid
            }
        }
        return service;
    }

    /** Ungets the service object, if it was got. Calls still running keep the object they have. */
    synchronized void release() {
        released = true;
        if (service != null) {
            service = null;
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // our bundle is stopping: the framework releases the service itself
            }
        }
    }
}
