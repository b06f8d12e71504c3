package dev.smcp.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Boots Felix with SCR, ConfigAdmin, Felix HTTP Jetty 12 on a free loopback port, slf4j through SPI Fly, Jackson and
 * the SMCP bundles as built by this reactor.
 */
public abstract class SmcpTestSupport {

    static final String PLUGINS_PID = "dev.smcp.plugins";

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() throws IOException {
        return options(
                frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("smcp.demo.plugins").value(System.getProperty("smcp.demo.plugins")),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                systemProperty("org.slf4j.simpleLogger.logFile").value("System.err"),
                systemProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty").value("warn"),
                mavenBundle("org.ow2.asm", "asm").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-commons").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-tree").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-analysis").versionAsInProject().startLevel(1),
                mavenBundle("org.ow2.asm", "asm-util").versionAsInProject().startLevel(1),
                mavenBundle("org.apache.aries.spifly", "org.apache.aries.spifly.dynamic.bundle").versionAsInProject()
                        .startLevel(2),
                mavenBundle("org.slf4j", "slf4j-api").versionAsInProject().startLevel(3),
                mavenBundle("org.slf4j", "slf4j-simple").versionAsInProject().startLevel(3),
                mavenBundle("org.osgi", "org.osgi.util.function").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.util.promise").versionAsInProject(),
                mavenBundle("org.osgi", "org.osgi.service.component").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.scr").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.servlet-api").versionAsInProject(),
                mavenBundle("commons-io", "commons-io").versionAsInProject(),
                mavenBundle("commons-fileupload", "commons-fileupload").versionAsInProject(),
                mavenBundle("org.apache.felix", "org.apache.felix.http.jetty12").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-annotations").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-core").versionAsInProject(),
                mavenBundle("com.fasterxml.jackson.core", "jackson-databind").versionAsInProject(),
                ownBundle("api"), ownBundle("exec"), ownBundle("protocol"), ownBundle("transport.http"),
                ownBundle("plugins"),
                junitBundles());
    }

    private static Option ownBundle(String name) {
        String path = System.getProperty("smcp.bundle." + name);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("bundle dev.smcp." + name + " not built: " + path);
        }
        return bundle(new File(path).toURI().toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    protected int httpPort() {
        return Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
    }

    protected String demoPluginsDirectory() {
        return context.getProperty("smcp.demo.plugins");
    }

    /** Points the plugin watcher at a directory. */
    protected void usePluginsDirectory(String directory) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("directory", directory);
        configurationAdmin.getConfiguration(PLUGINS_PID, "?").update(properties);
    }

    protected Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().equals(symbolicName)) {
                return bundle;
            }
        }
        return null;
    }

    /** Polls until the condition holds, failing after 60 s. */
    protected static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
