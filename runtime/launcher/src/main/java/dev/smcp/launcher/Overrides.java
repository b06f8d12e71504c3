package dev.smcp.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the launcher puts on top of a PID's {@code conf/} file: the settings given by flag or environment variable
 * (flags before variables, resolved by {@link LaunchOptions} and {@link SettingFlags}), and the Letta variables for
 * plugins. Precedence: flags &gt; environment &gt; {@code conf/} file &gt; the component's defaults.
 */
final class Overrides {

    static final String PLUGINS_PID = "dev.smcp.plugins";
    static final String EXEC_PID = "dev.smcp.exec";

    private final LaunchOptions options;
    private final Map<String, Map<String, Object>> given = new LinkedHashMap<>();
    private final List<String> lettaEnvironment = new ArrayList<>();

    /**
     * @param options the parsed options
     * @param flagSettings the {@link SettingFlags} settings by PID
     * @param args the command line, to tell which options were given rather than defaulted
     * @param env the environment, likewise
     * @param letta the Letta variables for plugins
     */
    Overrides(LaunchOptions options, Map<String, Map<String, Object>> flagSettings, String[] args,
            Map<String, String> env, Map<String, String> letta) {
        this.options = options;
        Map<String, Object> plugins = new LinkedHashMap<>();
        if (given(args, env, "--plugins-dir", "MCP_PLUGINS_DIR")) {
            plugins.put("directory", options.pluginsDirectory().toString());
        }
        if (given(args, env, "--plugin-timeout", "MCP_PLUGIN_TIMEOUT")) {
            plugins.put("callTimeoutSeconds", options.pluginTimeoutSeconds());
        }
        if (given(args, env, "--no-watch", "MCP_WATCH")) {
            plugins.put("watch", options.watch());
        }
        Map<String, Object> exec = new LinkedHashMap<>();
        if (options.maxPluginProcesses() != null) {
            exec.put("maxConcurrent", options.maxPluginProcesses());
        }
        if (options.maxQueuedCalls() != null) {
            exec.put("maxQueued", options.maxQueuedCalls());
        }
        given.put(PLUGINS_PID, plugins);
        given.put(EXEC_PID, exec);
        flagSettings.forEach((pid, values) -> given.computeIfAbsent(pid, p -> new LinkedHashMap<>()).putAll(values));
        letta.forEach((name, value) -> lettaEnvironment.add(name + "=" + value));
    }

    private static boolean given(String[] args, Map<String, String> env, String flag, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank()
                || Arrays.stream(args).anyMatch(a -> a.equals(flag) || a.startsWith(flag + "="));
    }

    /** @return the PIDs to configure at start: those with a file plus those the launcher always sets */
    Set<String> pids(Set<String> withFile) {
        Set<String> pids = new TreeSet<>(withFile);
        pids.add(PLUGINS_PID); // its configuration is required: the watcher waits for it
        given.forEach((pid, values) -> {
            if (!values.isEmpty()) {
                pids.add(pid);
            }
        });
        if (!lettaEnvironment.isEmpty()) {
            pids.add(EXEC_PID);
        }
        return pids;
    }

    /** @return the PID's properties: the file's, then the given settings on top */
    Map<String, Object> apply(String pid, Map<String, Object> fromFile) {
        Map<String, Object> properties = new LinkedHashMap<>(fromFile);
        if (pid.equals(PLUGINS_PID) && !properties.containsKey("directory")) {
            properties.put("directory", options.pluginsDirectory().toString()); // the launcher's default: ./plugins
        }
        properties.putAll(given.getOrDefault(pid, Map.of()));
        if (pid.equals(EXEC_PID) && !lettaEnvironment.isEmpty()) {
            List<String> environment = new ArrayList<>();
            if (properties.get("pluginEnvironment") instanceof String[] own) {
                environment.addAll(List.of(own));
            }
            environment.addAll(lettaEnvironment);
            properties.put("pluginEnvironment", environment.toArray(new String[0]));
        }
        return properties;
    }

    /** @return the plugins directory in effect, for the ready line */
    Object pluginsDirectory(Map<String, Map<String, Object>> confFiles) {
        return apply(PLUGINS_PID, confFiles.getOrDefault(PLUGINS_PID, Map.of())).get("directory");
    }
}
