package dev.smcp.plugins.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The bundle symbolic names of plugins. (Which plugin names are valid is the probe's business: a plugin with an
 * invalid name fails probing and becomes a failed plugin bundle, which still needs a symbolic name.)
 */
final class PluginNames {

    /** Prefix of the symbolic name of every plugin bundle. */
    static final String SYMBOLIC_NAME_PREFIX = "smcp.plugin.";

    private static final Pattern INVALID_SYMBOLIC_NAME_CHARS = Pattern.compile("[^A-Za-z0-9_-]");

    private PluginNames() {
    }

    /**
     * The symbolic name of a plugin's bundle: {@code smcp.plugin.<name>}. Characters that cannot appear in a
     * symbolic name token are replaced by {@code _}; when anything was replaced, a short hash of the original name
     * is appended so that two different names never share a symbolic name.
     *
     * @param name a plugin name, valid or not
     * @return a valid bundle symbolic name
     */
    static String symbolicName(String name) {
        String token = INVALID_SYMBOLIC_NAME_CHARS.matcher(name).replaceAll("_");
        if (token.isEmpty() || !token.equals(name)) {
            token = token + "-" + shortHash(name.getBytes(StandardCharsets.UTF_8), 8);
        }
        return SYMBOLIC_NAME_PREFIX + token;
    }

    /**
     * @param bytes some content
     * @param length the number of hex digits wanted (at most 64)
     * @return the first {@code length} lowercase hex digits of the SHA-256 of the content
     */
    static String shortHash(byte[] bytes, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** @return the name with control characters shown as '?', for messages */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
