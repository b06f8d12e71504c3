package dev.smcp.protocol.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns JSON trees into the plain Java values tools receive (see {@code McpTool#call}). */
final class JsonValues {

    private JsonValues() {
    }

    /** @return a new mutable map with the object's members as plain values */
    static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            map.put(member.getKey(), toJava(member.getValue()));
        }
        return map;
    }

    /**
     * @return {@code String}, {@code Boolean}, {@code Long}, {@code BigInteger}, {@code Double}, {@code BigDecimal},
     *         {@code List}, {@code Map} or {@code null}
     */
    static Object toJava(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toJava(element));
            }
            return list;
        }
        if (node.isObject()) {
            return toMap(node);
        }
        // binary or POJO nodes never come out of the parser
        return node.asText();
    }
}
