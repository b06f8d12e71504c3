package dev.smcp.transport.http.internal;

import java.util.Locale;

/**
 * Session ids as clients send them back: a UUID in hex, either 32 digits or the dashed 8-4-4-4-12 form, any case.
 */
final class SessionIds {

    private static final int[] DASHES = { 8, 13, 18, 23 };

    private SessionIds() {
    }

    /**
     * @param raw the {@code session_id} query parameter
     * @return the id as 32 lowercase hex digits, or {@code null} when {@code raw} is not a hex UUID
     */
    static String normalize(String raw) {
        String hex;
        if (raw.length() == 32) {
            hex = raw;
        } else if (raw.length() == 36) {
            for (int dash : DASHES) {
                if (raw.charAt(dash) != '-') {
                    return null;
                }
            }
            hex = raw.replace("-", "");
            if (hex.length() != 32) {
                return null;
            }
        } else {
            return null;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (!isHexDigit(hex.charAt(i))) {
                return null;
            }
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
