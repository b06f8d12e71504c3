package dev.smcp.api;

import java.util.Locale;

/** The severity of a log message sent to a client, as in MCP's {@code LoggingLevel} (the RFC 5424 levels). */
public enum LogLevel {
    DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY;

    /** @return the level as written on the wire, e.g. {@code "warning"} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param wireName a level as written on the wire
     * @return the level, or {@code null} when the name is not one
     */
    public static LogLevel fromWireName(String wireName) {
        for (LogLevel level : values()) {
            if (level.wireName().equals(wireName)) {
                return level;
            }
        }
        return null;
    }
}
