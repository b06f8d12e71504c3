package dev.smcp.transport.http.internal;

/**
 * Tells JSON-RPC requests from responses by reading only the top-level members {@code method} and {@code id}.
 * <p>
 * The transport does not parse messages (the protocol engine does); it only needs a count of requests it is
 * waiting an answer for, to decide whether a quiet SSE stream is worth probing for a vanished client. Anything
 * this scanner does not understand counts as nothing.
 */
final class JsonRpcPeek {

    /**
     * What a message holds.
     *
     * @param requests requests (a {@code method} and a non-null {@code id})
     * @param responses responses (no {@code method}, a non-null {@code id})
     * @param cancellations {@code notifications/cancelled} notifications
     */
    record Summary(int requests, int responses, int cancellations) {
        static final Summary NONE = new Summary(0, 0, 0);

        Summary plus(Summary other) {
            return new Summary(requests + other.requests, responses + other.responses,
                    cancellations + other.cancellations);
        }
    }

    private static final String CANCELLED = "notifications/cancelled";

    private final String text;
    private int pos;

    private JsonRpcPeek(String text) {
        this.text = text;
    }

    /**
     * @param json a JSON-RPC message or batch
     * @return what it holds; {@link Summary#NONE} when it is not a JSON object or array
     */
    static Summary of(String json) {
        try {
            return new JsonRpcPeek(json).message();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Summary.NONE;
        }
    }

    private Summary message() {
        skipWhitespace();
        char c = text.charAt(pos);
        if (c == '{') {
            return object();
        }
        if (c != '[') {
            return Summary.NONE;
        }
        pos++;
        Summary total = Summary.NONE;
        skipWhitespace();
        if (text.charAt(pos) == ']') {
            return total;
        }
        while (true) {
            skipWhitespace();
            if (text.charAt(pos) == '{') {
                total = total.plus(object());
            } else {
                skipValue();
            }
            skipWhitespace();
            char next = text.charAt(pos++);
            if (next == ']') {
                return total;
            }
            expect(next == ',');
        }
    }

    private Summary object() {
        pos++; // '{'
        String method = null;
        boolean hasId = false;
        skipWhitespace();
        if (text.charAt(pos) == '}') {
            pos++;
            return Summary.NONE;
        }
        while (true) {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(text.charAt(pos++) == ':');
            skipWhitespace();
            if ("method".equals(key) && text.charAt(pos) == '"') {
                method = string();
            } else if ("id".equals(key)) {
                hasId = !text.startsWith("null", pos);
                skipValue();
            } else {
                skipValue();
            }
            skipWhitespace();
            char next = text.charAt(pos++);
            if (next == '}') {
                break;
            }
            expect(next == ',');
        }
        if (method != null) {
            return new Summary(hasId ? 1 : 0, 0, !hasId && CANCELLED.equals(method) ? 1 : 0);
        }
        return new Summary(0, hasId ? 1 : 0, 0);
    }

    /** Reads and decodes a string starting at {@code pos}. */
    private String string() {
        expect(text.charAt(pos++) == '"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> value.append(escaped);
            }
        }
    }

    private void skipString() {
        pos++; // '"'
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                pos++;
            }
        }
    }

    /** Skips one value of any kind, without recursion so that deep nesting cannot overflow the stack. */
    private void skipValue() {
        char c = text.charAt(pos);
        if (c == '"') {
            skipString();
            return;
        }
        if (c != '{' && c != '[') {
            int start = pos;
            while (pos < text.length() && ",}] \t\r\n".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            expect(pos > start);
            return;
        }
        int depth = 0;
        do {
            c = text.charAt(pos);
            if (c == '"') {
                skipString();
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("not JSON");
        }
    }
}
