package dev.smcp.transport.stdio.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.channels.Channels;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.session.McpSessionManager;

/**
 * The MCP stdio transport: one session on the process's standard input and output, active only while its
 * configuration ({@value StdioTransportConfig#PID}) exists.
 * <p>
 * The streams are the process's file descriptors 0 and 1, opened as channels (so that closing them wakes a thread
 * blocked on them), not {@code System.in}/{@code System.out}: the standalone launcher points {@code System.out} at
 * stderr in stdio mode, so that nothing else can write to the transport's stdout, and does not start the Gogo shell,
 * so that nothing else reads stdin.
 * <p>
 * The transport is the server's only client: when it ends by itself (end of input, stdout closed or not read, the
 * session closed by the server) it stops the framework, so the process exits. It does not when it is deactivated
 * while the framework stops.
 */
@Component(service = {}, configurationPid = StdioTransportConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StdioTransportConfig.class)
public final class StdioTransport {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);

    private final BundleContext context;
    private final StdioConnection connection;

    /**
     * @param context the bundle context, to stop the framework when the input ends
     * @param sessionManager opens the session
     * @param config the configuration
     */
    @Activate
    public StdioTransport(BundleContext context, @Reference(name = "sessionManager") McpSessionManager sessionManager,
            StdioTransportConfig config) {
        this.context = context;
        this.connection = new StdioConnection(
                Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel()),
                Channels.newOutputStream(new FileOutputStream(FileDescriptor.out).getChannel()),
                config.maxLineBytes(), config.maxQueuedBytes(), this::stopFramework);
        connection.start(sessionManager);
    }

    /** Closes the session and the streams; waits for the transport's threads. */
    @Deactivate
    public void deactivate() {
        connection.stop();
        LOG.info("stdio transport stopped");
    }

    /** Stops the framework unless it is stopping already; Felix stops it on a thread of its own. */
    private void stopFramework() {
        Bundle system = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        if (system == null || system.getState() != Bundle.ACTIVE) {
            return;
        }
        LOG.info("stdio transport ended: stopping the server");
        try {
            system.stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.error("Could not stop the framework", e);
        }
    }
}
