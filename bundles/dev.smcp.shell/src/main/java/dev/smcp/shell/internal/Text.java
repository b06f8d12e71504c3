package dev.smcp.shell.internal;

/**
 * Makes text from plugins and clients safe and short enough for a terminal: no control characters (a plugin's
 * description or error could otherwise move the cursor or change the terminal's state), and one-line summaries.
 */
final class Text {

    /** Shown for an absent value. */
    static final String NONE = "-";

    private static final String ELLIPSIS = "...";

    private Text() {
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with line breaks kept and every other control character (tabs included) shown as a space or
     *         {@code ?}; {@code null} becomes {@link #NONE}
     */
    static String multiLine(String text) {
        if (text == null) {
            return NONE;
        }
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(lines.length());
        lines.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || isInvisibleFormat(c)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * @param text any text, or {@code null}
     * @param max the longest result, at least 4
     * @return the first non-blank line of the text, control characters removed, runs of white space collapsed,
     *         shortened to {@code max} characters with {@code ...} (also when more lines follow); {@code null} or
     *         blank text becomes {@link #NONE}
     */
    static String oneLine(String text, int max) {
        if (text == null) {
            return NONE;
        }
        String[] lines = multiLine(text).strip().split("\n");
        String first = lines[0].strip().replaceAll("\\s+", " ");
        if (first.isEmpty()) {
            return NONE;
        }
        boolean more = lines.length > 1;
        if (first.codePointCount(0, first.length()) > max) {
            return prefix(first, max - ELLIPSIS.length()) + ELLIPSIS;
        }
        if (more) {
            return first.codePointCount(0, first.length()) + 1 + ELLIPSIS.length() > max
                    ? prefix(first, max - ELLIPSIS.length()) + ELLIPSIS
                    : first + " " + ELLIPSIS;
        }
        return first;
    }

    /** @return the text with every line after the first indented by {@code indent} spaces */
    static String indentFollowing(String text, int indent) {
        return text.replace("\n", "\n" + " ".repeat(indent));
    }

    private static String prefix(String text, int codePoints) {
        return text.substring(0, text.offsetByCodePoints(0, codePoints)).stripTrailing();
    }

    /** Bidirectional overrides and similar invisible characters that can make text read differently. */
    private static boolean isInvisibleFormat(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F;
    }
}
