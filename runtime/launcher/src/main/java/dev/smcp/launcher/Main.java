package dev.smcp.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.condition.Condition;

import dev.smcp.api.runtime.PluginRuntime;

/**
 * Starts the standalone SMCP runtime: Felix with the distribution's bundles, configured from flags and environment.
 * <p>
 * Exit codes: 0 after a clean stop (SIGTERM, SIGINT, {@code stop 0} in the console, the end of stdin in stdio mode),
 * 1 when the server cannot start (port in use, a bundle failing), 2 for a bad command line or an unsafe configuration.
 * <p>
 * <b>Stdio mode</b> ({@code --stdio}): the stdio transport bundle owns the process's stdin and stdout (file
 * descriptors 0 and 1). The launcher keeps them for it: {@code System.out} is pointed at stderr and
 * {@code System.in} at an empty stream before anything starts, the Gogo shell is not started, and the HTTP bundles
 * are started only with {@code --http}. Once the plugins have been scanned it creates the transport's configuration,
 * which activates it; when stdin ends the transport stops the framework and the launcher exits with 0.
 */
public final class Main {

    static final String NAME = "SMCP for OSGi";
    private static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final String HTTP_ENDPOINT = "osgi.http.endpoint";
    /** The configuration PID that switches the stdio transport on. */
    static final String STDIO_PID = "dev.smcp.transport.stdio";
    /** Bundles not started in stdio mode: the console reads stdin. */
    private static final List<String> CONSOLE_BUNDLES = List.of("org.apache.felix.gogo.shell");
    /** Bundles started only when HTTP is served. */
    private static final List<String> HTTP_BUNDLES = List.of("org.apache.felix.http.jetty12", "dev.smcp.transport.http");
    private static final long HTTP_START_TIMEOUT_MILLIS = 30_000;
    private static final long STOP_TIMEOUT_MILLIS = 30_000;
    /** How long readiness waits for the first scan of the plugins directory (probes are bounded by their timeout). */
    private static final long PLUGIN_SCAN_TIMEOUT_MILLIS = 120_000;

    /** Held strongly: java.util.logging forgets levels set on loggers nobody references. */
    private static final java.util.logging.Logger SPI_FLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    /** The log: stderr at first, then stderr plus the rotating log file, redacted ({@link LogStream}). */
    private PrintStream err;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Framework framework;
    private volatile Path storage;
    private ConfWatcher confWatcher;

    Main(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.err).run(args, System.getenv(), Path.of("").toAbsolutePath()));
    }

    int run(String[] args, Map<String, String> env, Path cwd) {
        LaunchOptions options;
        SettingFlags.Extracted settings;
        Path confDir;
        Path logDir;
        try {
            List<String> rest = new ArrayList<>(List.of(args));
            String conf = SettingFlags.take(rest, "--conf", env.get("MCP_CONF_DIR"));
            String logs = SettingFlags.take(rest, "--log-dir", env.get("MCP_LOG_DIR"));
            boolean requireAuth = SecuritySettings.takeRequireAuth(rest);
            settings = SettingFlags.extract(rest.toArray(new String[0]), env);
            settings.settings().computeIfAbsent(SecuritySettings.PID, pid -> new LinkedHashMap<>())
                    .putAll(SecuritySettings.given(env, requireAuth));
            options = LaunchOptions.parse(settings.rest(), env, cwd);
            confDir = conf == null ? home().resolve("conf") : cwd.resolve(conf).toAbsolutePath().normalize();
            logDir = logs == null ? home().resolve("logs") : cwd.resolve(logs).toAbsolutePath().normalize();
        } catch (LaunchOptions.UsageException e) {
            err.println("smcp: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (Exception e) {
            err.println("smcp: cannot locate the installation: " + e.getMessage());
            return 1;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE + SettingFlags.usage());
            return 0;
        }
        if (options.version()) {
            System.out.println(NAME + " " + version());
            return 0;
        }
        if (options.stdio()) {
            keepStandardStreamsForTheTransport();
        }
        String portProblem = options.http() ? checkPortFree(options.host(), options.port()) : null;
        if (portProblem != null) {
            err.println("smcp: " + portProblem);
            return 1;
        }
        if (!Files.isDirectory(options.pluginsDirectory())) {
            err.println("smcp: warning: plugins directory " + options.pluginsDirectory()
                    + " does not exist; serving no plugins");
        }
        Map<String, Map<String, Object>> confFiles;
        ConfDirectory conf = new ConfDirectory(confDir);
        try {
            confFiles = conf.load();
        } catch (ConfDirectory.ConfException e) {
            err.println("smcp: " + Redaction.redact(e.getMessage()));
            return 2;
        }
        Map<String, Object> security = new LinkedHashMap<>(confFiles.getOrDefault(SecuritySettings.PID, Map.of()));
        security.putAll(settings.settings().get(SecuritySettings.PID));
        String refusal = SecuritySettings.refusal(options, security);
        if (refusal != null) {
            err.println("smcp: " + refusal);
            return 2;
        }
        String warning = SecuritySettings.warning(options, security);
        if (warning != null) {
            err.println("smcp: " + warning);
        }
        configureLogging(env, logDir);
        Overrides overrides = new Overrides(options, settings.settings(), args, env,
                new LettaEnvironment(err, LettaEnvironment.TIMEOUT).load(env, userHome(env)));
        try {
            return serve(options, conf, confFiles, overrides);
        } catch (Exception e) {
            err.println("smcp: cannot start: " + e.getMessage());
            stop();
            return 1;
        }
    }

    private int serve(LaunchOptions options, ConfDirectory conf, Map<String, Map<String, Object>> confFiles,
            Overrides overrides) throws Exception {
        Path home = home();
        List<RuntimeBundles.BundleJar> bundles = RuntimeBundles.list(home.resolve("bundles"));
        storage = Files.createTempDirectory("smcp-felix-");
        boolean console = options.console() != null ? options.console() : runsInTerminal();

        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        properties.put("org.osgi.service.http.port", Integer.toString(options.port()));
        properties.put("org.apache.felix.http.host", options.host());
        properties.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        properties.put("felix.log.level", "1");
        properties.put("smcp.version", version());
        if (!console) {
            properties.put("gosh.args", "--nointeractive");
        }

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        framework = factory.newFramework(properties);
        framework.init();
        installSignalHandlers();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "smcp-shutdown"));
        framework.start();

        List<Bundle> infrastructure = new ArrayList<>();
        List<Bundle> own = new ArrayList<>();
        for (RuntimeBundles.BundleJar jar : bundles) {
            Bundle bundle = framework.getBundleContext().installBundle(jar.path().toUri().toString());
            boolean idle = options.stdio() && CONSOLE_BUNDLES.contains(jar.symbolicName())
                    || !options.http() && HTTP_BUNDLES.contains(jar.symbolicName());
            if (!jar.fragment() && !idle) {
                (RuntimeBundles.isOwn(jar) ? own : infrastructure).add(bundle);
            }
        }
        for (Bundle bundle : infrastructure) {
            bundle.start();
        }
        ConfigurationSeeder seeder = new ConfigurationSeeder(framework.getBundleContext());
        for (String pid : overrides.pids(confFiles.keySet())) {
            if (pid.equals(STDIO_PID)) {
                continue; // its configuration switches the transport on: only in stdio mode, below
            }
            seeder.put(pid, overrides.apply(pid, confFiles.getOrDefault(pid, Map.of())));
        }
        confWatcher = new ConfWatcher(conf, err, (pid, fromFile) -> {
            if (pid.equals(STDIO_PID) && !options.stdio()) {
                return;
            }
            try {
                seeder.put(pid, overrides.apply(pid, fromFile));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        confWatcher.start();
        for (Bundle bundle : own) {
            bundle.start();
        }

        String endpoint = null;
        if (options.http()) {
            endpoint = awaitHttpEndpoint();
            if (endpoint == null) {
                err.println("smcp: the HTTP server did not start on " + options.host() + ":" + options.port()
                        + " (see the log above)");
                stop();
                return 1;
            }
        }
        boolean scanned = awaitPluginsScanned();
        if (options.stdio()) {
            // after the scan, so that the client's first tools/list has the plugins
            seeder.put(STDIO_PID, overrides.apply(STDIO_PID, confFiles.getOrDefault(STDIO_PID, Map.of())));
        }
        List<String> serving = new ArrayList<>();
        if (options.stdio()) {
            serving.add("MCP on stdin/stdout");
        }
        if (endpoint != null) {
            serving.add("SSE endpoint " + endpoint + "sse");
        }
        err.println("smcp: " + NAME + " " + version() + " ready: " + String.join(", ", serving) + ", plugins from "
                + overrides.pluginsDirectory(confFiles) + (scanned ? "" : " (still being probed)")
                + (console ? "; type 'help' for console commands" : ""));

        framework.waitForStop(0);
        deleteStorage();
        return 0;
    }

    /** Waits for Felix HTTP to publish its endpoint; {@code null} when it does not come up. */
    private String awaitHttpEndpoint() throws InterruptedException {
        long deadline = System.nanoTime() + HTTP_START_TIMEOUT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            ServiceReference<?> reference = framework.getBundleContext().getServiceReference(HTTP_RUNTIME);
            if (reference != null) {
                Object endpoint = reference.getProperty(HTTP_ENDPOINT);
                if (endpoint instanceof String[] all && all.length > 0) {
                    return all[0];
                }
                if (endpoint instanceof String one) {
                    return one;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    /**
     * Whether stdin and stdout are a terminal. Up to Java 21 that is {@code System.console() != null}; from Java 22
     * on there is a console object even when the streams are redirected, and {@code Console.isTerminal()} tells.
     */
    static boolean runsInTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 21 or older: a console object means a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Waits for the plugins bundle to announce its first complete scan; {@code false} when it takes too long. */
    private boolean awaitPluginsScanned() throws InterruptedException, InvalidSyntaxException {
        String filter = "(" + Condition.CONDITION_ID + "=" + PluginRuntime.CONDITION_PLUGINS_SCANNED + ")";
        long deadline = System.nanoTime() + PLUGIN_SCAN_TIMEOUT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (framework.getBundleContext().getServiceReferences((String) null, filter) != null) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /**
     * Keeps stdin and stdout for the stdio transport, which opens file descriptors 0 and 1 itself: whatever prints to
     * {@code System.out} (a bundle, the framework's own log) goes to stderr, and {@code System.in} reads nothing.
     */
    private void keepStandardStreamsForTheTransport() {
        System.setOut(err);
        System.setIn(new java.io.ByteArrayInputStream(new byte[0]));
    }

    /** SIGTERM and SIGINT stop the framework cleanly and exit with 0, as service managers expect. */
    @SuppressWarnings("restriction")
    private void installSignalHandlers() {
        for (String name : List.of("TERM", "INT")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    Thread stopper = new Thread(() -> {
                        stop();
                        System.exit(0);
                    }, "smcp-signal-" + name);
                    stopper.start();
                });
            } catch (IllegalArgumentException e) {
                // signal not available on this platform; the shutdown hook still stops the framework
            }
        }
    }

    /** Stops the framework and waits for it. Idempotent. */
    void stop() {
        ConfWatcher watcher = confWatcher;
        if (watcher != null) {
            watcher.close();
        }
        Framework running = framework;
        if (running == null || !stopping.compareAndSet(false, true)) {
            return;
        }
        try {
            running.stop();
            running.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException | InterruptedException e) {
            err.println("smcp: error while stopping: " + e.getMessage());
        }
        deleteStorage();
    }

    /** Deletes the framework's storage; the signal thread and the main thread may both get here. */
    private synchronized void deleteStorage() {
        Path dir = storage;
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** @return {@code null} when the address can be bound, else a one-line reason */
    static String checkPortFree(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return "cannot resolve host '" + host + "'";
        }
        if (port == 0) {
            return null;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException e) {
            return "cannot listen on " + host + ":" + port + ": " + (e.getMessage() == null ? "address unavailable"
                    : e.getMessage().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * slf4j-simple (the runtime's binding) reads system properties and writes to {@code System.err}, looked up at each
     * line; {@code System.err} is replaced by a {@link LogStream}, so every line (framework, components, launcher) is
     * redacted and goes to the console (stderr, so stdout stays free) and to {@code <logDir>/smcp.log}, rotated at
     * 10 MiB with 5 old files kept. A log directory that cannot be created leaves the console only, with a warning.
     */
    private void configureLogging(Map<String, String> env, Path logDir) {
        PrintStream console = err;
        RotatingLogFile file = null;
        try {
            file = new RotatingLogFile(logDir, RotatingLogFile.DEFAULT_MAX_BYTES, RotatingLogFile.DEFAULT_BACKUPS);
        } catch (IOException e) {
            console.println("smcp: warning: cannot write logs to " + logDir + " (" + e.getMessage()
                    + "); logging to the console only");
        }
        err = new PrintStream(new LogStream(console, file), true, java.nio.charset.StandardCharsets.UTF_8);
        System.setErr(err);
        if (System.out == console) {
            System.setOut(err); // stdio mode: stray stdout output is a log line too
        }
        setDefault("org.slf4j.simpleLogger.cacheOutputStream", "false");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        String level = env.get("SMCP_LOG_LEVEL");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level == null || level.isBlank() ? "info" : level.trim());
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.felix.http", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.aries.spifly", "warn");
        SPI_FLY_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** @return the user's home directory, where {@code .letta/.env} may be */
    private static Path userHome(Map<String, String> env) {
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return home == null ? null : Path.of(home);
    }

    private static Path home() throws Exception {
        String configured = System.getProperty("smcp.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
