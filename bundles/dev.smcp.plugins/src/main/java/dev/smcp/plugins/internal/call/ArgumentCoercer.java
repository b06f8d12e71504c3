package dev.smcp.plugins.internal.call;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.ParameterDescriptor;

/**
 * Repairs call arguments the way clients (Letta first) actually send them, before they are validated: the
 * coercions upstream intended but its SDK validation made unreachable.
 * <ol>
 * <li>Hyphen/underscore aliases: keys that are equal once every {@code -} is read as {@code _} are one
 * argument, keyed by the declared parameter name (or the first spelling seen when undeclared). The first
 * non-{@code null} value wins; a later spelling only fills a {@code null}.</li>
 * <li>{@code null} values are dropped (an absent optional argument).</li>
 * <li>Declared arrays: Letta's {@code {"item": x}} wrapper becomes {@code x} if that is a list, else
 * {@code [x]}; any other object {@code o} becomes {@code [o]}; a string holding a JSON array is parsed; any
 * other scalar {@code x} becomes {@code [x]}.</li>
 * <li>Declared objects: a string holding a JSON object is parsed.</li>
 * <li>Options scraped from {@code --help} (spec {@code "source": "help"}) whose value type argparse does not show
 * are declared {@code string}; a number or boolean given for one is turned into its JSON spelling, since the
 * plugin receives text either way.</li>
 * </ol>
 */
final class ArgumentCoercer {

    private ArgumentCoercer() {
    }

    /**
     * @param arguments the call arguments, never modified
     * @param parameters the command's declared parameters
     * @return the coerced arguments, in the order their first spelling appeared
     */
    static Map<String, Object> coerce(Map<String, Object> arguments, List<ParameterDescriptor> parameters) {
        Map<String, ParameterDescriptor> declared = new HashMap<>();
        for (ParameterDescriptor parameter : parameters) {
            declared.putIfAbsent(canonical(parameter.name()), parameter);
        }
        Map<String, String> keyByCanonical = new HashMap<>();
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            String canonical = canonical(argument.getKey());
            String key = keyByCanonical.computeIfAbsent(canonical,
                    c -> declared.containsKey(c) ? declared.get(c).name() : argument.getKey());
            if (merged.get(key) == null) {
                merged.put(key, argument.getValue());
            }
        }
        Map<String, Object> coerced = new LinkedHashMap<>();
        merged.forEach((key, value) -> {
            if (value != null) {
                ParameterDescriptor parameter = declared.get(canonical(key));
                coerced.put(key, parameter == null ? value : coerce(value, parameter));
            }
        });
        return coerced;
    }

    /** The alias-insensitive form of a name: every {@code -} read as {@code _}. */
    static String canonical(String name) {
        return name.replace('-', '_');
    }

    private static Object coerce(Object value, ParameterDescriptor parameter) {
        String type = parameter.type();
        if ("string".equals(type) && "help".equals(parameter.spec().get("source"))
                && (value instanceof Number || value instanceof Boolean)) {
            return ArgvRenderer.scalar(value, false);
        }
        if ("array".equals(type)) {
            if (value instanceof List<?>) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                if (map.size() == 1 && map.containsKey("item")) {
                    Object inner = map.get("item");
                    return inner instanceof List<?> ? inner : singleton(inner);
                }
                return singleton(value);
            }
            if (value instanceof String text && Json.parseOrNull(text.strip()) instanceof List<?> list) {
                return list;
            }
            return singleton(value);
        }
        if ("object".equals(type) && value instanceof String text
                && Json.parseOrNull(text.strip()) instanceof Map<?, ?> map) {
            return map;
        }
        return value;
    }

    private static List<Object> singleton(Object value) {
        List<Object> list = new java.util.ArrayList<>(1);
        list.add(value);
        return list;
    }
}
