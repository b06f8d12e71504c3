package dev.smcp.plugin.promptyoself.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

import dev.smcp.api.ToolErrors;

/**
 * Typed access to one call's arguments (the server does not check a Java tool's arguments against its schema).
 * JSON {@code null} counts as absent; a wrong type or an unknown argument is an
 * {@link ToolErrors#INVALID_ARGUMENTS} failure naming the argument.
 */
final class ToolArguments {

    private final Map<String, Object> values;

    ToolArguments(Map<String, Object> values, Set<String> known) throws ToolFailure {
        this.values = values;
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw invalid(name + ": unknown parameter (expected one of: " + String.join(", ", known.stream()
                        .sorted().toList()) + ")");
            }
        }
    }

    static ToolFailure invalid(String message) {
        return new ToolFailure(ToolErrors.INVALID_ARGUMENTS, message);
    }

    /** @return the text without surrounding whitespace, or {@code null} when absent or blank */
    String text(String name) throws ToolFailure {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw invalid(name + ": expected a string");
        }
        return text.isBlank() ? null : text.strip();
    }

    /** @return the text, which must be present */
    String requiredText(String name) throws ToolFailure {
        String text = text(name);
        if (text == null) {
            throw invalid(name + ": is required");
        }
        return text;
    }

    /** @return the flag, {@code false} when absent */
    boolean flag(String name) throws ToolFailure {
        Object value = values.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw invalid(name + ": expected a boolean");
        }
        return flag;
    }

    /** @return an integer given as a JSON integer or as decimal digits, or {@code null} when absent */
    Long integer(String name, String message) throws ToolFailure {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.longValueExact();
            }
            if (value instanceof Double || value instanceof BigDecimal) {
                return new BigDecimal(value.toString()).longValueExact();
            }
            if (value instanceof String text) {
                return Long.parseLong(text.strip());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(message);
        }
        throw invalid(message);
    }
}
