package dev.smcp.exec.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment children start from: the server's environment without its own secrets, plus the configured extra
 * plugin variables that neither shadow a server variable nor use a protected name. Immutable.
 */
final class ChildEnvironment {

    /** Variables whose name starts with this are always withheld (MCP_API_KEY, MCP_API_KEYS, MCP_API_KEY_2, ...). */
    static final String SECRET_PREFIX = "MCP_API_KEY";
    /** Prefixes an extra plugin variable may never have: they steer the server, the JVM or the loader. */
    private static final List<String> PROTECTED_PREFIXES = List.of("MCP_", "SMCP_", "JAVA_", "JDK_", "LD_", "DYLD_");
    /** Names an extra plugin variable may never have. */
    private static final Set<String> PROTECTED_NAMES = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR",
            "PWD", "CLASSPATH", "PYTHONPATH", "PYTHONHOME", "PYTHONUNBUFFERED", "PYTHONIOENCODING", "PYTHONSTARTUP",
            "IFS", "ENV", "BASH_ENV");

    private final Map<String, String> base;
    private final Set<String> secretNames;
    private final Set<String> extraNames;
    private final Set<String> skippedNames;

    /**
     * @param serverEnvironment the server's environment (in production {@code System.getenv()})
     * @param secretNames names never passed on, in addition to those starting with {@link #SECRET_PREFIX}
     * @param extra {@code NAME=VALUE} entries added for children; later entries win; an entry whose name the server
     *        environment has, or that is protected, or that is malformed, is skipped
     */
    ChildEnvironment(Map<String, String> serverEnvironment, Collection<String> secretNames, Collection<String> extra) {
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
        Set<String> added = new TreeSet<>();
        Set<String> skipped = new TreeSet<>();
        for (String entry : extra) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            String name = eq <= 0 ? null : entry.substring(0, eq).trim();
            if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || entry.indexOf('\0') >= 0) {
                skipped.add(eq <= 0 ? "(malformed entry)" : "(malformed name)");
            } else if (serverEnvironment.containsKey(name) || isProtected(name)) {
                skipped.add(name);
            } else {
                kept.put(name, entry.substring(eq + 1));
                added.add(name);
            }
        }
        this.base = Map.copyOf(kept);
        this.extraNames = Set.copyOf(added);
        this.skippedNames = Set.copyOf(skipped);
    }

    /** @return whether an extra plugin variable may not use this name */
    static boolean isProtected(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return PROTECTED_NAMES.contains(upper) || PROTECTED_PREFIXES.stream().anyMatch(upper::startsWith);
    }

    /** @return whether a variable of this name is withheld from children */
    boolean isSecret(String name) {
        return name.startsWith(SECRET_PREFIX) || secretNames.contains(name);
    }

    /** @return the configured secret names (sorted, for logging; names only, never values) */
    Set<String> secretNames() {
        return new TreeSet<>(secretNames);
    }

    /** @return the names of the extra plugin variables in effect (sorted, for logging) */
    Set<String> extraNames() {
        return new TreeSet<>(extraNames);
    }

    /** @return the names of the extra plugin variables that were skipped (sorted, for logging) */
    Set<String> skippedNames() {
        return new TreeSet<>(skippedNames);
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
