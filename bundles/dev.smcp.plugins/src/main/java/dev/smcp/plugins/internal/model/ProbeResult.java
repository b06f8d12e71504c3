package dev.smcp.plugins.internal.model;

/**
 * The outcome of probing a plugin directory: a descriptor, or the reason there is none.
 *
 * @param descriptor the plugin, or {@code null} when probing failed
 * @param error why the plugin cannot be used, or {@code null}
 */
public record ProbeResult(PluginDescriptor descriptor, String error) {

    public ProbeResult {
        if ((descriptor == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of descriptor and error");
        }
    }

    public static ProbeResult of(PluginDescriptor descriptor) {
        return new ProbeResult(descriptor, null);
    }

    public static ProbeResult failed(String error) {
        return new ProbeResult(null, error);
    }
}
