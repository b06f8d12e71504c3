package dev.smcp.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The types of the attributes of SMCP's configuration PIDs (their {@code @ObjectClassDefinition}s), so that a bad
 * value in a flag, a variable or a {@code conf/} file is reported by the launcher with its setting and source instead
 * of silently becoming a default inside a component. Attributes not listed here (other PIDs, newer attributes) are
 * passed on unchecked.
 */
final class ConfSchema {

    /** An attribute type; numbers are never negative. */
    enum Type {
        INT, LONG, DOUBLE, BOOLEAN, STRING, STRINGS
    }

    private static final Map<String, Map<String, Type>> PIDS = Map.of(
            "dev.smcp.plugins", Map.ofEntries(Map.entry("directory", Type.STRING), Map.entry("python", Type.STRING),
                    Map.entry("probeTimeoutSeconds", Type.INT), Map.entry("callTimeoutSeconds", Type.DOUBLE),
                    Map.entry("maxOutputBytes", Type.INT), Map.entry("maxStderrBytes", Type.INT),
                    Map.entry("probeParallelism", Type.INT), Map.entry("watch", Type.BOOLEAN),
                    Map.entry("watchQuietMillis", Type.INT), Map.entry("watchPollSeconds", Type.INT),
                    Map.entry("watchIgnore", Type.STRINGS)),
            "dev.smcp.exec", Map.of("maxConcurrent", Type.INT, "maxQueued", Type.INT, "killGraceMillis", Type.LONG,
                    "secretVariables", Type.STRINGS, "pluginEnvironment", Type.STRINGS),
            "dev.smcp.protocol", Map.of("serverName", Type.STRING, "maxConcurrentCalls", Type.INT,
                    "maxQueuedCalls", Type.INT, "listChangedDebounceMillis", Type.LONG, "toolsPageSize", Type.INT,
                    "maxCallsPerSession", Type.INT),
            "dev.smcp.transport.http", Map.of("keepAliveSeconds", Type.INT, "maxBodyBytes", Type.INT,
                    "maxQueuedBytes", Type.INT, "maxSessions", Type.INT, "bodyTimeoutSeconds", Type.INT),
            "dev.smcp.transport.http.streamable", Map.of("osgi.http.whiteboard.servlet.pattern", Type.STRING,
                    "keepAliveSeconds", Type.INT, "maxBodyBytes", Type.INT, "maxQueuedBytes", Type.INT,
                    "maxSessions", Type.INT, "maxReplayBytes", Type.INT, "bodyTimeoutSeconds", Type.INT,
                    "sessionIdleSeconds", Type.INT),
            SecuritySettings.PID, Map.of("apiKeys", Type.STRINGS, "allowLoopback", Type.BOOLEAN,
                    "authDisabled", Type.BOOLEAN, "allowedHosts", Type.STRINGS, "allowedOrigins", Type.STRINGS),
            "dev.smcp.transport.stdio", Map.of("maxLineBytes", Type.INT, "maxQueuedBytes", Type.INT),
            "dev.smcp.plugin.promptyoself", Map.ofEntries(Map.entry("lettaBaseUrl", Type.STRING),
                    Map.entry(".lettaToken", Type.STRING), Map.entry("lettaTimeoutSeconds", Type.INT),
                    Map.entry("database", Type.STRING), Map.entry("databaseUser", Type.STRING),
                    Map.entry(".databasePassword", Type.STRING), Map.entry("schedulerEnabled", Type.BOOLEAN),
                    Map.entry("pollSeconds", Type.INT), Map.entry("maxDeliveryFailures", Type.INT),
                    Map.entry("retryBackoffSeconds", Type.INT), Map.entry("maxRetryBackoffSeconds", Type.INT),
                    Map.entry("claimLeaseSeconds", Type.INT), Map.entry("defaultTimeZone", Type.STRING)));

    private ConfSchema() {
    }

    /** @return the declared type, or {@code null} when the attribute is not known to the launcher */
    static Type typeOf(String pid, String attribute) {
        Map<String, Type> attributes = PIDS.get(pid);
        return attributes == null ? null : attributes.get(attribute);
    }

    /**
     * Converts a value from a flag, a variable, a {@code .cfg} file (a string) or a {@code .json} file (a JSON value)
     * to the attribute's type.
     *
     * @throws IllegalArgumentException with a message naming the expected type and the value
     */
    static Object convert(String pid, String attribute, Object value) {
        Type type = typeOf(pid, attribute);
        if (type == null) {
            return untyped(value);
        }
        if (value == null) {
            throw new IllegalArgumentException("null is not allowed");
        }
        String text = value instanceof String s ? s.trim() : null;
        switch (type) {
            case INT, LONG -> {
                long number;
                if (value instanceof Long l) {
                    number = l;
                } else if (text != null && text.matches("[+-]?\\d{1,19}")) {
                    number = Long.parseLong(text);
                } else {
                    throw bad("a whole number", value);
                }
                if (number < 0 || type == Type.INT && number > Integer.MAX_VALUE) {
                    throw bad("a whole number from 0 to " + (type == Type.INT ? Integer.MAX_VALUE : Long.MAX_VALUE),
                            value);
                }
                return type == Type.INT ? (Object) (int) number : (Object) number;
            }
            case DOUBLE -> {
                double number;
                try {
                    number = value instanceof Number n ? n.doubleValue()
                            : text == null ? Double.NaN : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    number = Double.NaN;
                }
                if (Double.isNaN(number) || Double.isInfinite(number) || number < 0) {
                    throw bad("a number of at least 0", value);
                }
                return number;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
                if (LaunchOptions.isTrue(lower)) {
                    return Boolean.TRUE;
                }
                if (LaunchOptions.isFalse(lower)) {
                    return Boolean.FALSE;
                }
                throw bad("true or false", value);
            }
            case STRING -> {
                if (value instanceof String s) {
                    return s;
                }
                throw bad("a string", value);
            }
            default -> {
                return strings(value);
            }
        }
    }

    /** A list or a comma-separated string as a string array. */
    private static String[] strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    throw bad("a list of strings", value);
                }
                out.add(s);
            }
        } else if (value instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        } else {
            throw bad("a list of strings", value);
        }
        return out.toArray(new String[0]);
    }

    /** An attribute the launcher does not know: JSON values keep their natural Configuration Admin type. */
    private static Object untyped(Object value) {
        if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?>) {
            return strings(value);
        }
        throw new IllegalArgumentException("unsupported value type (use a string, number, boolean or list of "
                + "strings)");
    }

    private static IllegalArgumentException bad(String expected, Object value) {
        String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return new IllegalArgumentException("expected " + expected + ", got " + shown);
    }
}
