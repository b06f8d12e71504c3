package dev.smcp.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of secret-looking settings in text that is about to be logged: whatever follows a key whose name
 * contains {@code key}, {@code token}, {@code password}, {@code secret} or {@code authorization} (any case), in the
 * forms {@code name=value}, {@code name: value}, {@code "name": "value"} and {@code Authorization: Bearer value}.
 */
final class Redaction {

    static final String MASK = "***";

    /** A secret-looking name, an optional closing quote, a separator, then the value (quoted or up to a delimiter). */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)([\\w.-]*(?:key|token|password|passwd|secret|authorization)[\\w.-]*\"?\\s*[:=]\\s*)"
                    + "(?:(\")((?:[^\"\\\\]|\\\\.)*)\"|((?:bearer|basic)\\s+)?([^\\s,;&}\\]\"]+))");

    private Redaction() {
    }

    /** @return the text with every secret value replaced by {@value #MASK} */
    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = SECRET.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            String replacement;
            if (matcher.group(2) != null) {
                replacement = matcher.group(1) + "\"" + MASK + "\"";
            } else {
                String scheme = matcher.group(4) == null ? "" : matcher.group(4);
                replacement = matcher.group(1) + scheme + MASK;
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
