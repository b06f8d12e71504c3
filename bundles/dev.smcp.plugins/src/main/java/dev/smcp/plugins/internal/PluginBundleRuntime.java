package dev.smcp.plugins.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.List;
import java.util.Objects;

import dev.smcp.api.McpTool;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.PluginRuntime;
import dev.smcp.api.runtime.ScanDTO;
import dev.smcp.plugins.internal.JarPlugins.JarPlugin;
import dev.smcp.plugins.internal.model.PluginDescriptor;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link PluginRuntime}: a snapshot of every CLI plugin bundle installed (every bundle with the
 * {@value PluginBundle#HEADER_PLUGIN} header, whoever installed it), read from the framework each time: headers,
 * descriptor, bundle state and the tool services registered on the bundle's behalf; and of every Java plugin jar the
 * directory watcher has seen, with its bundle's state and tool services, or why it could not be installed.
 */
@Component(service = PluginRuntime.class)
public final class PluginBundleRuntime implements PluginRuntime {

    private final BundleContext context;
    private final PluginDirectoryWatcher watcher;

    /**
     * @param context the context of this bundle
     * @param watcher the plugin directory watcher, which rescans
     */
    @Activate
    public PluginBundleRuntime(BundleContext context, @Reference PluginDirectoryWatcher watcher) {
        this.context = context;
        this.watcher = watcher;
    }

    @Override
    public ScanDTO rescan() {
        return watcher.rescan().toDto();
    }

    @Override
    public PluginDTO[] getPlugins() {
        List<PluginDTO> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            PluginDTO dto = toDto(bundle);
            if (dto != null) {
                plugins.add(dto);
            }
        }
        for (JarPlugin jar : watcher.jarPlugins()) {
            plugins.add(toDto(jar));
        }
        plugins.sort(Comparator.comparing((PluginDTO p) -> Objects.requireNonNullElse(p.name, ""))
                .thenComparingLong(p -> p.bundleId));
        return plugins.toArray(new PluginDTO[0]);
    }

    private static PluginDTO toDto(Bundle bundle) {
        try {
            Dictionary<String, String> headers = bundle.getHeaders("");
            if (headers.get(PluginBundle.HEADER_PLUGIN) == null) {
                return null;
            }
            PluginDescriptor descriptor = null;
            String problem = null;
            if (headers.get(PluginBundle.HEADER_ERROR) == null) {
                try {
                    descriptor = PluginBundle.readDescriptor(bundle);
                } catch (IOException | RuntimeException e) {
                    problem = e.getMessage();
                }
            }
            int state = bundle.getState();
            boolean active = state == Bundle.ACTIVE || state == Bundle.STARTING;
            return PluginDtos.create(bundle.getBundleId(), headers::get, descriptor, problem, active,
                    registeredTools(bundle, headers.get(PluginBundle.HEADER_PLUGIN)), bundle.getLastModified());
        } catch (IllegalStateException e) {
            return null; // uninstalled meanwhile
        }
    }


    private PluginDTO toDto(JarPlugin jar) {
        PluginDTO dto = new PluginDTO();
        dto.kind = PluginDTO.KIND_BUNDLE;
        dto.name = JarPlugins.name(jar.jar());
        dto.directory = jar.jar().toString();
        dto.warnings = new String[0];
        dto.tools = new String[0];
        dto.bundleId = -1;
        Bundle bundle = context.getBundle(jar.location());
        try {
            if (bundle != null) {
                dto.bundleId = bundle.getBundleId();
                dto.probedAt = bundle.getLastModified();
                dto.tools = registeredTools(bundle, null).toArray(new String[0]);
                int state = bundle.getState();
                dto.state = state == Bundle.ACTIVE || state == Bundle.STARTING ? PluginDTO.STATE_ACTIVE
                        : PluginDTO.STATE_STOPPED;
            }
        } catch (IllegalStateException e) {
            bundle = null; // uninstalled meanwhile
        }
        if (jar.problem() != null) {
            dto.state = PluginDTO.STATE_FAILED;
            dto.error = jar.problem();
        } else if (bundle == null) {
            dto.state = PluginDTO.STATE_STOPPED;
            dto.error = "the bundle was uninstalled; it is installed again when the jar changes or on a rescan";
        }
        return dto;
    }

    /** @return the names of the tool services the bundle registered (of that plugin, when not {@code null}) */
    private static List<String> registeredTools(Bundle bundle, String plugin) {
        ServiceReference<?>[] references = bundle.getRegisteredServices();
        if (references == null) {
            return List.of();
        }
        List<ServiceReference<?>> tools = new ArrayList<>();
        for (ServiceReference<?> reference : references) {
            Object classes = reference.getProperty(Constants.OBJECTCLASS);
            if (classes instanceof String[] names && Arrays.asList(names).contains(McpTool.class.getName())
                    && (plugin == null || plugin.equals(reference.getProperty(McpTool.PLUGIN)))
                    && reference.getProperty(McpTool.NAME) instanceof String) {
                tools.add(reference);
            }
        }
        tools.sort(Comparator.comparingLong(r -> (Long) r.getProperty(Constants.SERVICE_ID)));
        List<String> names = new ArrayList<>();
        for (ServiceReference<?> tool : tools) {
            names.add((String) tool.getProperty(McpTool.NAME));
        }
        return names;
    }
}
