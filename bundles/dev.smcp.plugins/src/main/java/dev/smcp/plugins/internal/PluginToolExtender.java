package dev.smcp.plugins.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import dev.smcp.api.McpTool;
import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.plugins.internal.call.CallSettings;
import dev.smcp.plugins.internal.call.CliTool;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptor;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI plugin extender: for every plugin bundle (a bundle with the {@value PluginBundle#HEADER_PLUGIN} header)
 * that is starting or active, registers one {@link McpTool} service per command of its descriptor
 * ({@value PluginBundle#DESCRIPTOR_ENTRY}) <em>through the plugin bundle's own context</em>, so the tools belong to
 * the plugin bundle: stopping or uninstalling it removes them. Service properties: {@link McpTool#NAME}
 * ({@code <plugin>__<command>}), {@link McpTool#DESCRIPTION}, {@link McpTool#INPUT_SCHEMA} (JSON text) and
 * {@link McpTool#PLUGIN}. A plugin bundle with {@value PluginBundle#HEADER_ERROR} gets no tools.
 */
@Component(service = {}, immediate = true, configurationPid = PluginsConfiguration.PID)
public final class PluginToolExtender {

    private static final Logger LOG = LoggerFactory.getLogger(PluginToolExtender.class);

    private final BundleContext context;
    private final ProcessExecutor executor;
    private final Object lock = new Object();
    private CallSettings callSettings; // guarded by lock
    private BundleTracker<PluginTools> tracker; // guarded by lock

    /**
     * Starts tracking plugin bundles; those already starting or active get their tools at once.
     *
     * @param context the context of this bundle
     * @param executor runs the plugin commands
     * @param config the plugin configuration (for the call settings)
     */
    @Activate
    public PluginToolExtender(BundleContext context, @Reference ProcessExecutor executor,
            PluginsConfiguration config) {
        this.context = context;
        this.executor = executor;
        CallSettings settings = PluginSettings.from(config).call();
        synchronized (lock) {
            this.callSettings = settings;
            this.tracker = openTracker();
        }
        LOG.info("CLI plugin extender started (call timeout {}, stdout cap {} bytes)", describe(settings),
                settings.maxStdoutBytes());
    }

    /**
     * Takes a new configuration. Only a change of the call settings matters: then every tool is registered again
     * with them; other changes (directory, probing) leave the tools alone.
     *
     * @param config the new plugin configuration
     */
    @Modified
    void modified(PluginsConfiguration config) {
        CallSettings settings = PluginSettings.from(config).call();
        synchronized (lock) {
            if (settings.equals(callSettings)) {
                return;
            }
            tracker.close();
            callSettings = settings;
            tracker = openTracker();
        }
        LOG.info("CLI plugin extender reconfigured (call timeout {}, stdout cap {} bytes): tools registered again",
                describe(settings), settings.maxStdoutBytes());
    }

    /** Unregisters every tool registered by this extender. */
    @Deactivate
    void deactivate() {
        synchronized (lock) {
            tracker.close();
        }
        LOG.info("CLI plugin extender stopped");
    }

    private BundleTracker<PluginTools> openTracker() {
        BundleTracker<PluginTools> opened = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE,
                new Customizer(callSettings));
        opened.open();
        return opened;
    }

    private static Object describe(CallSettings settings) {
        return settings.timeout() == null ? "none" : settings.timeout();
    }

    private PluginTools register(Bundle bundle, CallSettings settings) {
        String plugin = bundle.getHeaders("").get(PluginBundle.HEADER_PLUGIN);
        if (plugin == null) {
            return null;
        }
        if (bundle.getHeaders("").get(PluginBundle.HEADER_ERROR) != null) {
            LOG.debug("Plugin {} (bundle {}) failed probing: no tools", plugin, bundle.getBundleId());
            return new PluginTools(plugin, List.of());
        }
        PluginDescriptor descriptor;
        try {
            descriptor = PluginBundle.readDescriptor(bundle);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Plugin {} (bundle {}): cannot read its descriptor {}: {}", plugin, bundle.getBundleId(),
                    PluginBundle.DESCRIPTOR_ENTRY, e.toString());
            return new PluginTools(plugin, List.of());
        }
        BundleContext pluginContext = bundle.getBundleContext();
        if (pluginContext == null) {
            return null; // stopped meanwhile
        }
        List<ServiceRegistration<McpTool>> registrations = new ArrayList<>();
        try {
            for (CommandDescriptor command : descriptor.commands()) {
                CliTool tool;
                Dictionary<String, Object> properties;
                try {
                    tool = new CliTool(descriptor, command, executor, settings);
                    properties = toolProperties(tool);
                } catch (RuntimeException e) {
                    LOG.warn("Plugin {}: command {} skipped: {}", plugin, command.name(), e.toString());
                    continue;
                }
                registrations.add(pluginContext.registerService(McpTool.class, tool, properties));
            }
        } catch (IllegalStateException e) {
            // the plugin bundle stopped while we registered: the framework drops its services anyway
            LOG.debug("Plugin {} (bundle {}) stopped while its tools were registered", plugin, bundle.getBundleId());
            unregister(registrations);
            return null;
        }
        LOG.info("Plugin {} (bundle {}): {} tools registered", plugin, bundle.getBundleId(), registrations.size());
        return new PluginTools(plugin, registrations);
    }

    /** @return the tool's {@code mcp.tool.*} properties as a registration dictionary ({@code null}s left out) */
    static Dictionary<String, Object> toolProperties(CliTool tool) {
        Dictionary<String, Object> properties = new Hashtable<>();
        for (Map.Entry<String, Object> property : tool.serviceProperties().entrySet()) {
            if (property.getValue() != null) {
                properties.put(property.getKey(), property.getValue());
            }
        }
        return properties;
    }

    private static void unregister(List<ServiceRegistration<McpTool>> registrations) {
        for (ServiceRegistration<McpTool> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already unregistered: the plugin bundle stopped first
            }
        }
    }

    /** The tools registered for one plugin bundle. */
    private record PluginTools(String plugin, List<ServiceRegistration<McpTool>> registrations) {
    }

    private final class Customizer implements BundleTrackerCustomizer<PluginTools> {

        private final CallSettings settings;

        Customizer(CallSettings settings) {
            this.settings = settings;
        }

        @Override
        public PluginTools addingBundle(Bundle bundle, BundleEvent event) {
            try {
                return register(bundle, settings);
            } catch (RuntimeException e) {
                LOG.warn("Cannot register the tools of bundle {}", bundle.getBundleId(), e);
                return null;
            }
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, PluginTools tools) {
            // STARTING -> ACTIVE: the tools stay
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, PluginTools tools) {
            unregister(tools.registrations());
            if (!tools.registrations().isEmpty()) {
                LOG.info("Plugin {} (bundle {}): {} tools unregistered", tools.plugin(), bundle.getBundleId(),
                        tools.registrations().size());
            }
        }
    }
}
