package dev.smcp.plugins.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;

import dev.smcp.api.exec.ProcessExecutor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.url.AbstractURLStreamHandlerService;
import org.osgi.service.url.URLConstants;
import org.osgi.service.url.URLStreamHandlerService;

/**
 * The {@code smcp-plugin:} URL handler: {@code smcp-plugin:/abs/path/to/plugin-dir} opens as a generated bundle jar
 * for that plugin directory (see {@link PluginBundle}), probed when the URL is opened. The framework opens the
 * location when a bundle is installed or updated from it, so {@code install smcp-plugin:/path} in the console
 * installs a plugin, and every {@code update} probes it again.
 * <p>
 * Everything after {@code smcp-plugin:} is the directory, taken literally (no host, query or fragment parsing);
 * it must be absolute. A location naming no directory fails to open; a directory that is not a working plugin
 * still yields a bundle, carrying the reason in its {@value PluginBundle#HEADER_ERROR} header.
 */
@Component(service = URLStreamHandlerService.class, configurationPid = PluginsConfiguration.PID,
        property = URLConstants.URL_HANDLER_PROTOCOL + "=" + PluginBundle.SCHEME)
public final class PluginUrlHandler extends AbstractURLStreamHandlerService {

    private final ProcessExecutor executor;
    private volatile PluginBundleFactory factory;

    /**
     * @param executor runs the probe processes
     * @param config the plugin configuration (for the probe settings)
     */
    @Activate
    public PluginUrlHandler(@Reference ProcessExecutor executor, PluginsConfiguration config) {
        this.executor = executor;
        this.factory = PluginBundleFactory.probingWith(executor, PluginSettings.from(config).probe());
    }

    /**
     * Takes a new configuration: later installs and updates probe with its settings.
     *
     * @param config the new plugin configuration
     */
    @Modified
    void modified(PluginsConfiguration config) {
        factory = PluginBundleFactory.probingWith(executor, PluginSettings.from(config).probe());
    }

    @Override
    public URLConnection openConnection(URL url) throws IOException {
        try {
            return new PluginBundleConnection(url, factory, PluginBundle.directoryOf(locationOf(url)));
        } catch (IllegalArgumentException e) {
            throw new MalformedURLException(e.getMessage());
        }
    }

    @Override
    protected void parseURL(URL url, String spec, int start, int limit) {
        // the whole rest is the directory: paths may contain '?', and need no host
        String path = start <= limit ? spec.substring(start, limit) : "";
        setURL(url, url.getProtocol(), null, -1, null, null, path, null, url.getRef());
    }

    /** @return the location the URL stands for, {@code smcp-plugin:<path>} */
    static String locationOf(URL url) {
        StringBuilder location = new StringBuilder(PluginBundle.LOCATION_PREFIX).append(url.getPath());
        if (url.getQuery() != null) {
            location.append('?').append(url.getQuery());
        }
        if (url.getRef() != null) {
            location.append('#').append(url.getRef());
        }
        return location.toString();
    }
}
