package dev.smcp.features.itest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real Apache Karaf, unpacked from its distribution archive into a fresh directory, configured to work offline
 * (the local Maven repository plus a directory of this build's SMCP artifacts), with every port a free loopback
 * one, started as {@code bin/karaf server}. It is driven over JMX through Karaf's own MBeans (the features
 * service behind {@code feature:install}), as a user this instance alone knows.
 */
final class KarafInstance implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String USER = "smcp-itest";
    private static final String FEATURES = "org.apache.karaf:type=feature,name=root";
    private static final String BUNDLES = "org.apache.karaf:type=bundle,name=root";

    final Path home;
    final int httpPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Process process;
    private JMXConnector jmx;

    private KarafInstance(Path home, int httpPort, int rmiRegistryPort, int rmiServerPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.rmiRegistryPort = rmiRegistryPort;
        this.rmiServerPort = rmiServerPort;
    }

    /**
     * Unpacks the archive into {@code workDir} (emptied first) and configures it.
     *
     * @param smcpRepo a directory in Maven layout with this build's SMCP artifacts, searched before the local repo
     * @param localRepo the local Maven repository with everything else
     * @param pluginsDir the SMCP plugins directory (configuration PID dev.smcp.plugins)
     */
    static KarafInstance unpack(Path archive, Path workDir, Path smcpRepo, Path localRepo, Path pluginsDir)
            throws Exception {
        Files.createDirectories(workDir);
        run(List.of("tar", "-xzf", archive.toString(), "-C", workDir.toString()));
        Path home;
        try (var entries = Files.list(workDir)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("apache-karaf-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no apache-karaf-* directory in " + archive));
        }
        KarafInstance karaf = new KarafInstance(home, freePort(), freePort(), freePort());
        karaf.configure(smcpRepo, localRepo, pluginsDir, freePort());
        return karaf;
    }

    private void configure(Path smcpRepo, Path localRepo, Path pluginsDir, int sshPort) throws IOException {
        Path etc = home.resolve("etc");
        // offline: no remote repositories; our artifacts first, then the distribution's system/, then the local repo
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"), String.join("\n",
                "org.ops4j.pax.url.mvn.useFallbackRepositories = false",
                "org.ops4j.pax.url.mvn.defaultRepositories = " + smcpRepo.toUri() + "@id=smcp@snapshots, "
                        + "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots",
                "org.ops4j.pax.url.mvn.repositories = ",
                "org.ops4j.pax.url.mvn.localRepository = " + localRepo,
                ""));
        setProperties(etc.resolve("org.apache.karaf.shell.cfg"), Map.of("sshPort", Integer.toString(sshPort),
                "sshHost", "127.0.0.1"));
        setProperties(etc.resolve("org.apache.karaf.management.cfg"), Map.of(
                "rmiRegistryPort", Integer.toString(rmiRegistryPort), "rmiRegistryHost", "127.0.0.1",
                "rmiServerPort", Integer.toString(rmiServerPort), "rmiServerHost", "127.0.0.1"));
        Files.writeString(etc.resolve("users.properties"), String.join("\n", "",
                USER + " = " + password + ",_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh", ""), StandardOpenOption.APPEND);
        // present before the features are installed, so their default configurations are not applied
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"), String.join("\n",
                "org.apache.felix.http.host = 127.0.0.1", "org.osgi.service.http.port = " + httpPort, ""));
        Files.writeString(etc.resolve("dev.smcp.plugins.cfg"), "directory = " + pluginsDir + "\n");
    }

    /**
     * Starts {@code bin/karaf server} on the Java in {@code smcp.karaf.javaHome} (default: the one running this
     * test) and waits for its features MBean.
     */
    void start() throws Exception {
        String javaHome = System.getProperty("smcp.karaf.javaHome", System.getProperty("java.home"));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("karaf.out").toFile());
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().put("KARAF_EXEC", "exec"); // the script becomes the JVM: its pid is Karaf's
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Karaf exited with " + process.exitValue() + " (Karaf 4.4 needs Java 17 to "
                        + "23; -Dsmcp.karaf.javaHome=<JDK> picks it, now " + javaHome + ")\n" + log());
            }
            try {
                jmx = JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiServerPort
                        + "/jndi/rmi://127.0.0.1:" + rmiRegistryPort + "/karaf-root"),
                        Map.of(JMXConnector.CREDENTIALS, new String[] { USER, password }));
                if (connection().isRegistered(new ObjectName(FEATURES))) {
                    return;
                }
            } catch (IOException | SecurityException e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Karaf's features MBean did not appear within " + START_TIMEOUT + ": " + last
                + "\n" + log());
    }

    /** feature:repo-add */
    void addRepository(String uri) throws Exception {
        features("addRepository", uri);
    }

    /** feature:install (waits until the features are installed and started) */
    void installFeature(String name) throws Exception {
        features("installFeature", name);
    }

    /** feature:uninstall */
    void uninstallFeature(String name) throws Exception {
        features("uninstallFeature", name);
    }

    private void features(String operation, String argument) throws Exception {
        try {
            connection().invoke(new ObjectName(FEATURES), operation, new Object[] { argument },
                    new String[] { String.class.getName() });
        } catch (Exception e) {
            // Karaf's resolver exceptions do not deserialize here; the reason is in the log
            throw new AssertionError(operation + " " + argument + " failed: " + e + "\n" + log(), e);
        }
    }

    /** @return "symbolic name [state] location" of every bundle, as bundle:list */
    List<String> bundles() throws Exception {
        TabularData table = (TabularData) connection().getAttribute(new ObjectName(BUNDLES), "Bundles");
        List<String> bundles = new ArrayList<>();
        for (Object row : table.values()) {
            CompositeData bundle = (CompositeData) row;
            bundles.add(bundle.get("Symbolic Name") + " [" + bundle.get("State") + "] "
                    + bundle.get("Update Location"));
        }
        return bundles;
    }

    /** @return the running Karaf JVM */
    ProcessHandle process() {
        return process.toHandle();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** @return the end of Karaf's log and console output, for failure messages */
    String log() {
        StringBuilder text = new StringBuilder();
        for (Path file : List.of(home.resolve("karaf.out"), home.resolve("data/log/karaf.log"))) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                text.append("--- ").append(file).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                text.append("--- ").append(file).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    private MBeanServerConnection connection() throws IOException {
        return jmx.getMBeanServerConnection();
    }

    /** Stops Karaf with SIGTERM (its shutdown hook stops the framework) and waits for it. */
    @Override
    public void close() throws Exception {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException e) {
                // Karaf may be gone already
            }
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError("Karaf did not stop within 90 s after SIGTERM\n" + log());
            }
        }
    }

    private static void setProperties(Path file, Map<String, String> values) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : "";
            lines.add(values.containsKey(key) ? key + " = " + values.get(key) : line);
        }
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (lines.stream().noneMatch(l -> l.startsWith(entry.getKey() + " = "))) {
                lines.add(entry.getKey() + " = " + entry.getValue());
            }
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static void run(List<String> command) throws Exception {
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            tar.destroyForcibly();
            throw new AssertionError(command + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
