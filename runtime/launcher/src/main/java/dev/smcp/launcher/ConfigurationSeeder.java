package dev.smcp.launcher;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Puts the launcher's settings into Configuration Admin, so that components get them the same way as in any other
 * OSGi platform.
 * <p>
 * The ConfigurationAdmin API lives inside the framework, not on the launcher's class path, so it is called
 * reflectively through the interface as loaded by the bundle that registered the service.
 */
final class ConfigurationSeeder {

    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private final BundleContext context;

    ConfigurationSeeder(BundleContext context) {
        this.context = context;
    }

    /**
     * Creates or replaces the configuration of a PID.
     *
     * @param pid the configuration PID
     * @param properties the properties
     * @throws Exception when Configuration Admin is missing or refuses
     */
    void put(String pid, Map<String, Object> properties) throws Exception {
        ServiceReference<?> reference = context.getServiceReference(CONFIGURATION_ADMIN);
        if (reference == null) {
            throw new IllegalStateException("Configuration Admin is not running");
        }
        Object admin = context.getService(reference);
        try {
            Class<?> adminType = reference.getBundle().loadClass(CONFIGURATION_ADMIN);
            Method getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
            Object configuration = getConfiguration.invoke(admin, pid, "?");
            Method update = reference.getBundle().loadClass("org.osgi.service.cm.Configuration")
                    .getMethod("update", Dictionary.class);
            update.invoke(configuration, new Hashtable<>(properties));
        } finally {
            context.ungetService(reference);
        }
    }
}
