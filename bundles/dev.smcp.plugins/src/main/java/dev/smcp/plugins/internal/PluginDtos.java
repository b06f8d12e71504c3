package dev.smcp.plugins.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.PluginDescriptor;

/**
 * Builds the {@link PluginDTO} of a plugin bundle from what the bundle shows: its headers, its descriptor, its
 * state and the tool services registered on its behalf.
 */
final class PluginDtos {

    private PluginDtos() {
    }

    /**
     * @param bundleId the plugin bundle's id
     * @param headers the plugin bundle's manifest headers (a lookup by name, {@code null} when absent)
     * @param descriptor the descriptor read from the bundle, or {@code null} when there is none or it is unreadable
     * @param descriptorProblem why the descriptor could not be read, or {@code null}
     * @param bundleActive whether the bundle is starting or active
     * @param registeredTools the names of the tool services registered for the plugin, in registration order
     * @param lastModified the bundle's last modification time, used when the probe time header is missing
     * @return the plugin DTO
     */
    static PluginDTO create(long bundleId, Function<String, String> headers, PluginDescriptor descriptor,
            String descriptorProblem, boolean bundleActive, List<String> registeredTools, long lastModified) {
        PluginDTO dto = new PluginDTO();
        dto.kind = PluginDTO.KIND_CLI;
        dto.bundleId = bundleId;
        dto.name = headers.apply(PluginBundle.HEADER_PLUGIN);
        dto.directory = headers.apply(PluginBundle.HEADER_DIRECTORY);
        dto.executable = headers.apply(PluginBundle.HEADER_EXECUTABLE);
        dto.probedAt = probedAt(headers.apply(PluginBundle.HEADER_PROBED_AT), lastModified);
        dto.warnings = new String[0];
        String error = headers.apply(PluginBundle.HEADER_ERROR);
        if (error != null || descriptor == null) {
            dto.state = PluginDTO.STATE_FAILED;
            dto.error = error != null ? error
                    : "cannot read " + PluginBundle.DESCRIPTOR_ENTRY
                            + (descriptorProblem == null ? "" : ": " + descriptorProblem);
            dto.tools = new String[0];
            return dto;
        }
        dto.source = descriptor.source();
        dto.warnings = descriptor.warnings().toArray(new String[0]);
        List<String> declared = new ArrayList<>();
        for (CommandDescriptor command : descriptor.commands()) {
            declared.add(descriptor.toolName(command));
        }
        dto.tools = (registeredTools.isEmpty() ? declared : registeredTools).toArray(new String[0]);
        if (bundleActive && (!registeredTools.isEmpty() || declared.isEmpty())) {
            dto.state = PluginDTO.STATE_ACTIVE;
            dto.error = declared.isEmpty() ? "the plugin has no commands" : null;
        } else {
            dto.state = PluginDTO.STATE_STOPPED;
            dto.error = bundleActive ? "the plugin bundle is active but its tools are not registered "
                    + "(is the CLI plugin extender running?)" : null;
        }
        return dto;
    }

    private static long probedAt(String header, long fallback) {
        if (header != null) {
            try {
                return Long.parseLong(header.strip());
            } catch (NumberFormatException e) {
                // not ours: fall back
            }
        }
        return fallback;
    }
}
