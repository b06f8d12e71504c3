package dev.smcp.exec.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment children start from: the server's environment without its own secrets. Immutable.
 */
final class ChildEnvironment {

    /** Variables whose name starts with this are always withheld (MCP_API_KEY, MCP_API_KEYS, MCP_API_KEY_2, ...). */
    static final String SECRET_PREFIX = "MCP_API_KEY";

    private final Map<String, String> base;
    private final Set<String> secretNames;

    /**
     * @param serverEnvironment the server's environment (in production {@code System.getenv()})
     * @param secretNames names never passed on, in addition to those starting with {@link #SECRET_PREFIX}
     */
    ChildEnvironment(Map<String, String> serverEnvironment, Collection<String> secretNames) {
        Set<String> names = new TreeSet<>();
        for (String name : secretNames) {
            if (name != null && !name.isBlank()) {
                names.add(name.trim());
            }
        }
        this.secretNames = Set.copyOf(names);
        Map<String, String> kept = new HashMap<>();
        serverEnvironment.forEach((name, value) -> {
            if (name != null && value != null && !isSecret(name)) {
                kept.put(name, value);
            }
        });
        this.base = Map.copyOf(kept);
    }

    /** @return whether a variable of this name is withheld from children */
    boolean isSecret(String name) {
        return name.startsWith(SECRET_PREFIX) || secretNames.contains(name);
    }

    /** @return the configured secret names (sorted, for logging; names only, never values) */
    Set<String> secretNames() {
        return new TreeSet<>(secretNames);
    }

    /** @return the base environment of every child: the server's environment without the secrets */
    Map<String, String> base() {
        return base;
    }

    /**
     * Replaces {@code target} (a {@link ProcessBuilder#environment()}) by the base environment plus {@code extra}.
     * The request's own entries are the caller's choice and are passed even when their name is a secret name.
     *
     * @throws IllegalArgumentException if {@code extra} holds a name or value the operating system cannot take
     */
    void applyTo(Map<String, String> target, Map<String, String> extra) {
        target.clear();
        target.putAll(base);
        target.putAll(extra);
    }
}
