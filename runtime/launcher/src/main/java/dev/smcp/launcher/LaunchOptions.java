package dev.smcp.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The launcher's settings, from command-line flags first, then the upstream-compatible environment variables, then
 * defaults.
 *
 * @param host the address to bind
 * @param port the TCP port
 * @param allowExternal whether {@code --allow-external} was given (binds 0.0.0.0)
 * @param pluginTimeoutSeconds the tool call timeout, {@code 0} for none
 * @param pluginsDirectory the plugins directory, absolute
 * @param maxPluginProcesses how many plugin processes may run at once, or {@code null} for the executor's default
 * @param maxQueuedCalls how many calls may wait for a process slot, or {@code null} for the executor's default
 * @param watch whether the plugins directory is watched for changes while the server runs
 * @param console whether to run the interactive Gogo console ({@code null}: when stdin and stdout are a terminal)
 * @param stdio whether to serve MCP on stdin/stdout ({@code --stdio}) instead of the console
 * @param http whether to serve HTTP: always, except in stdio mode without {@code --http}
 * @param help whether to print usage and exit
 * @param version whether to print the version and exit
 */
record LaunchOptions(String host, int port, boolean allowExternal, double pluginTimeoutSeconds, Path pluginsDirectory,
        Integer maxPluginProcesses, Integer maxQueuedCalls, boolean watch, Boolean console, boolean stdio,
        boolean http, boolean help, boolean version) {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8000;
    static final String EXTERNAL_HOST = "0.0.0.0";
    /** The options that take a value. */
    private static final List<String> VALUED = List.of("--host", "--port", "--plugins-dir", "--plugin-timeout",
            "--max-plugin-processes", "--max-queued-calls");

    static final String USAGE = String.join("\n",
            "Usage: smcp [options]",
            "",
            "Serves the plugins in a directory as MCP tools over HTTP+SSE (GET /sse, POST /messages/),",
            "or with --stdio over stdin/stdout for an MCP client that starts the server itself.",
            "",
            "Options:",
            "  --host HOST             address to bind (env MCP_HOST, default 127.0.0.1)",
            "  --port PORT             TCP port (env MCP_PORT, default 8000)",
            "  --allow-external        bind 0.0.0.0 instead of --host (needs an API key, see below)",
            "  --plugins-dir DIR       plugins directory (env MCP_PLUGINS_DIR, default ./plugins)",
            "  --plugin-timeout SECS   tool call timeout in seconds, 0 for none (env MCP_PLUGIN_TIMEOUT)",
            "  --max-plugin-processes N  plugin processes running at once (env MCP_MAX_PLUGIN_PROCESSES, default 16)",
            "  --max-queued-calls N    calls waiting for a process before 'busy' (env MCP_MAX_QUEUED_CALLS, default 256)",
            "  --no-watch              do not watch the plugins directory: scan it at start only (env MCP_WATCH=0)",
            "  --console / --no-console  force the Gogo console on or off (default: on when run in a terminal)",
            "  --stdio                 serve one MCP client on stdin/stdout (JSON-RPC, one message per line);",
            "                          no console, logs on stderr, no HTTP unless --http; exits when stdin ends",
            "  --http                  with --stdio: serve HTTP+SSE as well, on --host/--port",
            "  --require-auth          loopback clients need an API key too (env MCP_AUTH_ALLOW_LOOPBACK=0)",
            "  --version               print the version and exit",
            "  -h, --help              print this help and exit",
            "",
            "API keys come from the environment only: MCP_API_KEY, MCP_API_KEYS (comma-separated, for rotation).",
            "Clients send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'. MCP_AUTH_DISABLED=1 serves everyone.",
            "");

    /**
     * @param args the command-line arguments ({@code --name value} or {@code --name=value})
     * @param env the environment
     * @param cwd the working directory relative paths resolve against
     * @return the options
     * @throws UsageException on an unknown flag or a bad value, with a one-line message
     */
    static LaunchOptions parse(String[] args, Map<String, String> env, Path cwd) throws UsageException {
        String host = nonBlank(env.get("MCP_HOST"));
        String port = nonBlank(env.get("MCP_PORT"));
        String portSource = "MCP_PORT";
        String timeout = nonBlank(env.get("MCP_PLUGIN_TIMEOUT"));
        String timeoutSource = "MCP_PLUGIN_TIMEOUT";
        String plugins = nonBlank(env.get("MCP_PLUGINS_DIR"));
        String processes = nonBlank(env.get("MCP_MAX_PLUGIN_PROCESSES"));
        String processesSource = "MCP_MAX_PLUGIN_PROCESSES";
        String queued = nonBlank(env.get("MCP_MAX_QUEUED_CALLS"));
        String queuedSource = "MCP_MAX_QUEUED_CALLS";
        boolean allowExternal = false;
        boolean watch = !isFalse(env.get("MCP_WATCH"));
        Boolean console = null;
        boolean stdio = false;
        boolean http = false;
        String bindFlag = null;
        boolean help = false;
        boolean version = false;

        List<String> rest = new ArrayList<>(List.of(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--version" -> version = true;
                case "--allow-external" -> {
                    allowExternal = true;
                    bindFlag = name;
                }
                case "--stdio" -> stdio = true;
                case "--http" -> http = true;
                case "--no-watch" -> watch = false;
                case "--console" -> console = Boolean.TRUE;
                case "--no-console" -> console = Boolean.FALSE;
                case "--host", "--port", "--plugins-dir", "--plugin-timeout", "--max-plugin-processes",
                        "--max-queued-calls" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= rest.size()) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = rest.get(++i);
                    }
                    switch (name) {
                        case "--host" -> {
                            host = requireNonBlank(name, value);
                            bindFlag = name;
                        }
                        case "--port" -> {
                            port = value;
                            portSource = name;
                            bindFlag = name;
                        }
                        case "--plugins-dir" -> plugins = requireNonBlank(name, value);
                        case "--max-plugin-processes" -> {
                            processes = value;
                            processesSource = name;
                        }
                        case "--max-queued-calls" -> {
                            queued = value;
                            queuedSource = name;
                        }
                        default -> {
                            timeout = value;
                            timeoutSource = name;
                        }
                    }
                }
                default -> throw new UsageException("unknown option '" + arg + "'");
            }
            if (inline != null && !VALUED.contains(name)) {
                throw new UsageException("option " + name + " takes no value");
            }
        }

        if (stdio && console == Boolean.TRUE) {
            throw new UsageException("--console cannot be used with --stdio: stdin carries MCP messages");
        }
        if (http && !stdio) {
            throw new UsageException("--http is for --stdio mode (HTTP is served anyway without --stdio)");
        }
        if (stdio && !http && bindFlag != null) {
            throw new UsageException(bindFlag + " needs --http in --stdio mode");
        }
        int portNumber = parsePort(portSource, port);
        double timeoutSeconds = parseTimeout(timeoutSource, timeout);
        String effectiveHost = allowExternal ? EXTERNAL_HOST : (host == null ? DEFAULT_HOST : host);
        Path pluginsDir = cwd.resolve(plugins == null ? "plugins" : plugins).toAbsolutePath().normalize();
        Integer maxProcesses = parseCount(processesSource, processes, 1);
        Integer maxQueued = parseCount(queuedSource, queued, 0);
        return new LaunchOptions(effectiveHost, portNumber, allowExternal, timeoutSeconds, pluginsDir, maxProcesses,
                maxQueued, watch, stdio ? Boolean.FALSE : console, stdio, !stdio || http, help, version);
    }

    /** @return the whole number, at least {@code min}; {@code null} when not given */
    private static Integer parseCount(String source, String value, int min) throws UsageException {
        if (value == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(value.trim());
            if (count < min) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new UsageException(source + ": not a whole number of at least " + min + ": '" + value + "'");
        }
    }

    private static int parsePort(String source, String value) throws UsageException {
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException(source + ": not a port number (0-65535): '" + value + "'");
        }
    }

    /** Upstream semantics: unset, empty, zero or negative mean no timeout. */
    private static double parseTimeout(String source, String value) throws UsageException {
        if (value == null) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                throw new NumberFormatException();
            }
            return Math.max(0, seconds);
        } catch (NumberFormatException e) {
            throw new UsageException(source + ": not a number of seconds: '" + value + "'");
        }
    }

    private static String requireNonBlank(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("option " + name + " needs a non-empty value");
        }
        return value.trim();
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean isTrue(String value) {
        return value != null && List.of("1", "true", "yes", "on").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** @return whether the value is one of the usual ways to say no ({@code 0}, {@code false}, {@code no}, {@code off}) */
    static boolean isFalse(String value) {
        return value != null && List.of("0", "false", "no", "off").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
    }

    /** Whether the bind address only accepts connections from this machine. */
    boolean isLoopbackBind() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    /** A bad command line: the message is one line, meant for the user. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
