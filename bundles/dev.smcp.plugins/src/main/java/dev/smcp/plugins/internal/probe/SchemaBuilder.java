package dev.smcp.plugins.internal.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.smcp.plugins.internal.model.Json;
import dev.smcp.plugins.internal.model.ParameterDescriptor;

/**
 * Builds a command's input schema from its parameters (upstream {@code parameter_spec_to_json_schema}, fixed:
 * declared {@code items} are honoured and {@code enum}/{@code choices} are carried).
 */
final class SchemaBuilder {

    private SchemaBuilder() {
    }

    /**
     * @param parameters the parameters, names unique
     * @param closed whether to forbid undeclared properties ({@code additionalProperties: false}); a
     *            {@code --describe} schema is closed, a schema scraped from {@code --help} is open because scraping
     *            can miss an option (argparse itself rejects unknown options, and its message reaches the client)
     * @return {@code {"type":"object","properties":{...},"required":[...]}} plus
     *         {@code "additionalProperties": false} when closed
     */
    static Map<String, Object> build(List<ParameterDescriptor> parameters, boolean closed) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (ParameterDescriptor parameter : parameters) {
            properties.put(parameter.name(), property(parameter));
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", new ArrayList<>(required));
        if (closed) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    /**
     * @param parameter a parameter
     * @return its property schema: {@code type}; {@code description} if non-empty; {@code default} if not
     *         {@code null}; for arrays {@code items} (the declared object, else {@code {}}: any item); {@code enum}
     *         from a declared {@code enum} or {@code choices} list (for arrays, on the items)
     */
    static Map<String, Object> property(ParameterDescriptor parameter) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("type", parameter.type());
        if (parameter.description() != null && !parameter.description().isEmpty()) {
            property.put("description", parameter.description());
        }
        if (parameter.defaultValue() != null) {
            property.put("default", copy(parameter.defaultValue()));
        }
        Map<String, Object> spec = parameter.spec();
        Object choices = spec.get("enum") instanceof List<?> ? spec.get("enum") : spec.get("choices");
        List<?> allowed = choices instanceof List<?> list && !list.isEmpty() ? list : null;
        if ("array".equals(parameter.type())) {
            Map<String, Object> items = spec.get("items") instanceof Map<?, ?> declared
                    ? Json.asObject(copy(declared)) : new LinkedHashMap<>();
            if (allowed != null && !items.containsKey("enum")) {
                items.put("enum", copy(allowed));
            }
            property.put("items", items);
        } else if (allowed != null) {
            property.put("enum", copy(allowed));
        }
        return property;
    }

    /** A deep copy of a decoded JSON value, so a schema never shares mutable maps with a spec. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
