package dev.smcp.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP access settings (PID {@value #PID}) from the environment and {@code --require-auth}, and the start-up
 * rule that goes with them: the server does not listen beyond loopback without a key (fail closed).
 */
final class SecuritySettings {

    static final String PID = "dev.smcp.transport.http.security";
    static final String REQUIRE_AUTH = "--require-auth";

    private SecuritySettings() {
    }

    /** Takes {@code --require-auth} out of {@code args}. */
    static boolean takeRequireAuth(List<String> args) {
        return args.removeIf(REQUIRE_AUTH::equals);
    }

    /**
     * @return the settings given by environment variable or flag: {@code apiKeys} from {@code MCP_API_KEY} and
     *         {@code MCP_API_KEYS}, {@code allowLoopback} from {@code MCP_AUTH_ALLOW_LOOPBACK} or
     *         {@code --require-auth}, {@code authDisabled} from {@code MCP_AUTH_DISABLED}
     */
    static Map<String, Object> given(Map<String, String> env, boolean requireAuth) {
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        addKeys(keys, env.get("MCP_API_KEY"));
        addKeys(keys, env.get("MCP_API_KEYS"));
        if (!keys.isEmpty()) {
            settings.put("apiKeys", keys.toArray(new String[0]));
        }
        String allowLoopback = env.get("MCP_AUTH_ALLOW_LOOPBACK");
        if (requireAuth || LaunchOptions.isFalse(allowLoopback)) {
            settings.put("allowLoopback", Boolean.FALSE);
        } else if (LaunchOptions.isTrue(allowLoopback)) {
            settings.put("allowLoopback", Boolean.TRUE);
        }
        String disabled = env.get("MCP_AUTH_DISABLED");
        if (LaunchOptions.isTrue(disabled) || LaunchOptions.isFalse(disabled)) {
            settings.put("authDisabled", LaunchOptions.isTrue(disabled));
        }
        return settings;
    }

    private static void addKeys(List<String> keys, String value) {
        if (value != null) {
            for (String key : value.split(",")) {
                if (!key.isBlank() && !keys.contains(key.strip())) {
                    keys.add(key.strip());
                }
            }
        }
    }

    /**
     * @param options the launch options
     * @param effective the PID's settings in effect ({@code conf/} file with the given settings on top)
     * @return why the server must not start, or {@code null}
     */
    static String refusal(LaunchOptions options, Map<String, Object> effective) {
        if (!options.http() || Boolean.TRUE.equals(effective.get("authDisabled"))) {
            return null;
        }
        boolean hasKey = effective.get("apiKeys") instanceof String[] keys
                && java.util.Arrays.stream(keys).anyMatch(k -> k != null && !k.isBlank());
        if (hasKey) {
            return null;
        }
        if (!options.isLoopbackBind()) {
            return "refusing to listen on " + options.host() + " without an API key: set MCP_API_KEY (or "
                    + "MCP_API_KEYS), bind a loopback address, or set MCP_AUTH_DISABLED=1 to serve without "
                    + "authentication";
        }
        if (Boolean.FALSE.equals(effective.get("allowLoopback"))) {
            return REQUIRE_AUTH + " (MCP_AUTH_ALLOW_LOOPBACK=0) needs an API key: set MCP_API_KEY or MCP_API_KEYS";
        }
        return null;
    }

    /** @return the warning printed at start when authentication is off, or {@code null} */
    static String warning(LaunchOptions options, Map<String, Object> effective) {
        if (!options.http() || !Boolean.TRUE.equals(effective.get("authDisabled"))) {
            return null;
        }
        return "WARNING: authentication is DISABLED (MCP_AUTH_DISABLED): anyone who can reach " + options.host() + ":"
                + options.port() + " can call every tool";
    }
}
