package dev.smcp.protocol.internal;

/** Makes client-supplied text safe to put in a log line. */
final class LogText {

    private static final int MAX = 80;

    private LogText() {
    }

    /** @return the text cut to a short length, with anything but printable ASCII replaced by {@code ?} */
    static String of(String text) {
        if (text == null) {
            return "null";
        }
        int length = Math.min(text.length(), MAX);
        StringBuilder out = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (text.length() > MAX) {
            out.append("...");
        }
        return out.toString();
    }

    /** @return the first characters of a session id, enough to tell sessions apart in a log */
    static String session(String sessionId) {
        return sessionId.substring(0, Math.min(8, sessionId.length()));
    }
}
