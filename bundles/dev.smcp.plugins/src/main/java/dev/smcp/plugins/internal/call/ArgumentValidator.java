package dev.smcp.plugins.internal.call;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.smcp.plugins.internal.model.Json;

/**
 * Validates call arguments against a command's input schema: the JSON Schema subset plugin schemas use.
 * <p>
 * Supported keywords: {@code type} (a name or a list of names; {@code integer} is any number without a
 * fractional part, so {@code 2.0} is one, as in JSON Schema), {@code enum}, {@code const}, {@code properties},
 * {@code required}, {@code additionalProperties} ({@code false} or a schema), {@code items} (a schema),
 * {@code minItems}/{@code maxItems}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}/
 * {@code exclusiveMinimum}/{@code exclusiveMaximum}. Other keywords are ignored: the plugin is the final judge.
 * <p>
 * Each failure is {@code <field>: <reason>}, the field addressed like {@code tags[1]} or {@code cfg.name}.
 */
final class ArgumentValidator {

    private static final int MAX_SHOWN_VALUE = 60;

    private ArgumentValidator() {
    }

    /**
     * @param arguments the (coerced) arguments
     * @param schema the input schema, an object schema
     * @return the failures, empty when the arguments are valid
     */
    static List<String> validate(Map<String, Object> arguments, Map<String, Object> schema) {
        List<String> errors = new ArrayList<>();
        rejectNonFinite(arguments, "", errors);
        if (errors.isEmpty()) {
            validateObject(arguments, schema, "", errors);
        }
        return errors;
    }

    /** JSON numbers beyond double range (such as 1e400) decode as infinities, which no plugin can take. */
    private static void rejectNonFinite(Object value, String path, List<String> errors) {
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            errors.add(path + ": number out of range");
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> rejectNonFinite(item, child(path, String.valueOf(key)), errors));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                rejectNonFinite(list.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static void validate(Object value, Object schemaValue, String path, List<String> errors) {
        if (Boolean.FALSE.equals(schemaValue)) {
            errors.add(path + ": is not allowed");
            return;
        }
        if (!(schemaValue instanceof Map<?, ?>)) {
            return;
        }
        Map<String, Object> schema = Json.asObject(schemaValue);
        Object type = schema.get("type");
        if (type != null && !matchesType(value, type)) {
            errors.add(path + ": expected " + typeNames(type) + ", got " + describe(value));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> jsonEquals(a, value))) {
            errors.add(path + ": must be one of " + Json.compact(allowed) + ", got " + show(value));
        }
        if (schema.containsKey("const") && !jsonEquals(schema.get("const"), value)) {
            errors.add(path + ": must be " + Json.compact(schema.get("const")) + ", got " + show(value));
        }
        if (value instanceof Map<?, ?> map) {
            validateObject(Json.asObject(map), schema, path, errors);
        } else if (value instanceof List<?> list) {
            validateArray(list, schema, path, errors);
        } else if (value instanceof String s) {
            int length = s.codePointCount(0, s.length());
            bound(length, schema.get("minLength"), false, path, "must be at least %s characters long", errors);
            bound(length, schema.get("maxLength"), true, path, "must be at most %s characters long", errors);
        } else if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            validateNumber(decimal(n), schema, path, errors);
        }
    }

    private static void validateObject(Map<String, Object> object, Map<String, Object> schema, String path,
            List<String> errors) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? Json.asObject(p) : Map.of();
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (name instanceof String n && !object.containsKey(n)) {
                    errors.add(child(path, n) + ": is required");
                }
            }
        }
        Object additional = schema.get("additionalProperties");
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            String at = child(path, entry.getKey());
            if (properties.containsKey(entry.getKey())) {
                validate(entry.getValue(), properties.get(entry.getKey()), at, errors);
            } else if (Boolean.FALSE.equals(additional)) {
                errors.add(at + ": unknown " + (path.isEmpty() ? "parameter" : "property")
                        + (properties.isEmpty() ? " (none are accepted)"
                                : " (expected one of: " + String.join(", ", properties.keySet()) + ")"));
            } else if (additional instanceof Map<?, ?>) {
                validate(entry.getValue(), additional, at, errors);
            }
        }
    }

    private static void validateArray(List<?> list, Map<String, Object> schema, String path, List<String> errors) {
        bound(list.size(), schema.get("minItems"), false, path, "must have at least %s items", errors);
        bound(list.size(), schema.get("maxItems"), true, path, "must have at most %s items", errors);
        Object items = schema.get("items");
        if (items instanceof Map<?, ?> || Boolean.FALSE.equals(items)) {
            for (int i = 0; i < list.size(); i++) {
                validate(list.get(i), items, path + "[" + i + "]", errors);
            }
        }
    }

    private static void validateNumber(BigDecimal value, Map<String, Object> schema, String path,
            List<String> errors) {
        if (schema.get("minimum") instanceof Number min && value.compareTo(decimal(min)) < 0) {
            errors.add(path + ": must be >= " + JsonNumbers.render(min, false) + ", got " + value.toPlainString());
        }
        if (schema.get("maximum") instanceof Number max && value.compareTo(decimal(max)) > 0) {
            errors.add(path + ": must be <= " + JsonNumbers.render(max, false) + ", got " + value.toPlainString());
        }
        if (schema.get("exclusiveMinimum") instanceof Number min && value.compareTo(decimal(min)) <= 0) {
            errors.add(path + ": must be > " + JsonNumbers.render(min, false) + ", got " + value.toPlainString());
        }
        if (schema.get("exclusiveMaximum") instanceof Number max && value.compareTo(decimal(max)) >= 0) {
            errors.add(path + ": must be < " + JsonNumbers.render(max, false) + ", got " + value.toPlainString());
        }
    }

    private static void bound(int actual, Object limit, boolean upper, String path, String message,
            List<String> errors) {
        if (limit instanceof Number n && (upper ? actual > n.longValue() : actual < n.longValue())) {
            errors.add(path + ": " + String.format(message, n.longValue()));
        }
    }

    private static boolean matchesType(Object value, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> matchesType(value, t));
        }
        if (!(type instanceof String name)) {
            return true;
        }
        return switch (name) {
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "number" -> value instanceof Number;
            case "integer" -> value instanceof Number n && isIntegral(n);
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            case "null" -> value == null;
            default -> true;
        };
    }

    /** @return whether a decoded JSON number has no fractional part */
    static boolean isIntegral(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            return !Double.isInfinite(d) && d == Math.rint(d);
        }
        if (n instanceof BigDecimal d) {
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        return true;
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }

    /** JSON equality: numbers by value ({@code 1 == 1.0}), containers element-wise. */
    static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            double dx = x.doubleValue();
            double dy = y.doubleValue();
            if (Double.isNaN(dx) || Double.isNaN(dy) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
                return dx == dy;
            }
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            return x.entrySet().stream().allMatch(e -> jsonEquals(e.getValue(), y.get(e.getKey())));
        }
        return java.util.Objects.equals(a, b);
    }

    private static String typeNames(Object type) {
        if (type instanceof List<?> types) {
            return String.join(" or ", types.stream().map(String::valueOf).toList());
        }
        return String.valueOf(type);
    }

    /** The JSON type of a value, with the value itself when it is a short scalar. */
    private static String describe(Object value) {
        String type;
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            type = "string";
        } else if (value instanceof Boolean) {
            type = "boolean";
        } else if (value instanceof Number n) {
            type = isIntegral(n) && !(n instanceof Double || n instanceof Float || n instanceof BigDecimal)
                    ? "integer" : "number";
        } else if (value instanceof List<?>) {
            return "array";
        } else if (value instanceof Map<?, ?>) {
            return "object";
        } else {
            return value.getClass().getSimpleName();
        }
        return type + " " + show(value);
    }

    private static String show(Object value) {
        String json;
        try {
            json = value instanceof Number n ? JsonNumbers.render(n, false) : Json.compact(value);
        } catch (IllegalArgumentException e) {
            json = String.valueOf(value);
        }
        return json.length() > MAX_SHOWN_VALUE ? json.substring(0, MAX_SHOWN_VALUE) + "..." : json;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
