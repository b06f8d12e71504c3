package dev.smcp.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flags and environment variables that set one configuration attribute each, beyond the ones
 * {@link LaunchOptions} handles itself (bind, plugins directory, timeout, executor limits). They are taken out of
 * the argument list before {@link LaunchOptions#parse} sees it.
 */
final class SettingFlags {

    /** One flag: {@code --flag VALUE} or the variable sets {@code attribute} of every PID in {@code pids}. */
    record Setting(String flag, String variable, String attribute, List<String> pids, String help) {
    }

    static final List<Setting> SETTINGS = List.of(
            new Setting("--probe-parallelism", "MCP_PROBE_PARALLELISM", "probeParallelism",
                    List.of("dev.smcp.plugins"), "plugins probed at once (default 4)"),
            new Setting("--probe-timeout", "MCP_PROBE_TIMEOUT", "probeTimeoutSeconds", List.of("dev.smcp.plugins"),
                    "seconds a --describe/--help probe may take (default 10)"),
            new Setting("--watch-quiet-millis", "MCP_WATCH_QUIET_MILLIS", "watchQuietMillis",
                    List.of("dev.smcp.plugins"), "quiet time before a changed plugin is re-probed (default 300)"),
            new Setting("--watch-poll-seconds", "MCP_WATCH_POLL_SECONDS", "watchPollSeconds",
                    List.of("dev.smcp.plugins"), "seconds between checks of the plugins directory (default 2)"),
            new Setting("--tools-page-size", "MCP_TOOLS_PAGE_SIZE", "toolsPageSize", List.of("dev.smcp.protocol"),
                    "tools per tools/list page (default 500)"),
            new Setting("--max-concurrent-calls", "MCP_MAX_CONCURRENT_CALLS", "maxConcurrentCalls",
                    List.of("dev.smcp.protocol"), "tool calls running at once (default 64)"),
            new Setting("--max-body-bytes", "MCP_MAX_BODY_BYTES", "maxBodyBytes",
                    List.of("dev.smcp.transport.http", "dev.smcp.transport.http.streamable"),
                    "largest accepted HTTP request body in bytes (default 4 MiB)"),
            new Setting("--max-sessions", "MCP_MAX_SESSIONS", "maxSessions",
                    List.of("dev.smcp.transport.http", "dev.smcp.transport.http.streamable"),
                    "open sessions per HTTP transport (default 1000)"),
            new Setting("--keep-alive-seconds", "MCP_KEEP_ALIVE_SECONDS", "keepAliveSeconds",
                    List.of("dev.smcp.transport.http", "dev.smcp.transport.http.streamable"),
                    "seconds between keep-alives on event streams (default 15)"),
            new Setting("--max-calls-per-session", "MCP_MAX_CALLS_PER_SESSION", "maxCallsPerSession",
                    List.of("dev.smcp.protocol"), "tool calls one session may have in flight (default 32)"),
            new Setting("--body-timeout-seconds", "MCP_BODY_TIMEOUT_SECONDS", "bodyTimeoutSeconds",
                    List.of("dev.smcp.transport.http", "dev.smcp.transport.http.streamable"),
                    "seconds a request body may take to arrive, 0 for no limit (default 30)"),
            new Setting("--session-idle-seconds", "MCP_SESSION_IDLE_SECONDS", "sessionIdleSeconds",
                    List.of("dev.smcp.transport.http.streamable"),
                    "idle time after which a /mcp session ends (default 1800)"),
            new Setting("--allowed-hosts", "MCP_ALLOWED_HOSTS", "allowedHosts", List.of(SecuritySettings.PID),
                    "Host names accepted besides loopback names and IP literals, comma-separated"),
            new Setting("--allowed-origins", "MCP_ALLOWED_ORIGINS", "allowedOrigins", List.of(SecuritySettings.PID),
                    "browser Origins accepted besides loopback pages, comma-separated"));

    private SettingFlags() {
    }

    /** The result: the arguments left for {@link LaunchOptions}, and the checked settings by PID. */
    record Extracted(String[] rest, Map<String, Map<String, Object>> settings) {
    }

    /**
     * @throws LaunchOptions.UsageException on a missing or bad value, naming the flag or variable
     */
    static Extracted extract(String[] args, Map<String, String> env) throws LaunchOptions.UsageException {
        Map<Setting, String[]> given = new LinkedHashMap<>(); // setting -> {source, value}
        for (Setting setting : SETTINGS) {
            String value = env.get(setting.variable());
            if (value != null && !value.isBlank()) {
                given.put(setting, new String[] { setting.variable(), value });
            }
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            Setting setting = SETTINGS.stream().filter(s -> s.flag().equals(name)).findFirst().orElse(null);
            if (setting == null) {
                rest.add(arg);
                continue;
            }
            String value;
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new LaunchOptions.UsageException("option " + name + " needs a value");
            }
            given.put(setting, new String[] { name, value });
        }
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        for (Map.Entry<Setting, String[]> entry : given.entrySet()) {
            Setting setting = entry.getKey();
            String source = entry.getValue()[0];
            for (String pid : setting.pids()) {
                try {
                    settings.computeIfAbsent(pid, p -> new LinkedHashMap<>()).put(setting.attribute(),
                            ConfSchema.convert(pid, setting.attribute(), entry.getValue()[1]));
                } catch (IllegalArgumentException e) {
                    throw new LaunchOptions.UsageException(source + ": " + e.getMessage());
                }
            }
        }
        return new Extracted(rest.toArray(new String[0]), settings);
    }

    /**
     * Takes {@code --flag VALUE} or {@code --flag=VALUE} out of {@code args}.
     *
     * @return the flag's value, else {@code fallback} when not blank (an environment variable), else {@code null}
     */
    static String take(List<String> args, String flag, String fallback) throws LaunchOptions.UsageException {
        String value = fallback == null || fallback.isBlank() ? null : fallback.trim();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(flag)) {
                if (i + 1 >= args.size() || args.get(i + 1).isBlank()) {
                    throw new LaunchOptions.UsageException("option " + flag + " needs a value");
                }
                args.remove(i);
                value = args.remove(i);
                i--;
            } else if (arg.startsWith(flag + "=")) {
                value = arg.substring(flag.length() + 1);
                if (value.isBlank()) {
                    throw new LaunchOptions.UsageException("option " + flag + " needs a value");
                }
                args.remove(i--);
            }
        }
        return value;
    }

    /** @return the usage lines of these flags */
    static String usage() {
        StringBuilder out = new StringBuilder();
        out.append("  --conf DIR              <pid>.cfg/<pid>.json configuration files, read at start and on change\n")
                .append("                          (env MCP_CONF_DIR, default <install>/conf)\n")
                .append("  --log-dir DIR           where smcp.log is written, 10 MiB x 5 files (env MCP_LOG_DIR,\n")
                .append("                          default <install>/logs)\n");
        for (Setting setting : SETTINGS) {
            boolean list = ConfSchema.typeOf(setting.pids().get(0), setting.attribute()) == ConfSchema.Type.STRINGS;
            out.append(String.format("  %-24s %s (env %s)%n", setting.flag() + (list ? " LIST" : " N"),
                    setting.help(), setting.variable()));
        }
        return out.toString();
    }
}
