package dev.smcp.plugins.internal.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of this bundle: decodes JSON into plain Java values ({@code Map} in key order,
 * {@code List}, {@code String}, {@code Boolean}, {@code Long} or {@code BigInteger} (never {@code Integer}),
 * {@code Double}, {@code null})
 * and writes them back compactly (no spaces, UTF-8, non-ASCII not escaped, shortest round-trip doubles).
 */
public final class Json {

    /** Thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private Json() {
    }

    /**
     * @param text JSON text
     * @return the decoded value (a {@code Map}, {@code List}, scalar or {@code null})
     * @throws IOException if the text is not exactly one JSON value
     */
    public static Object parse(String text) throws IOException {
        return longInts(MAPPER.readValue(text, Object.class));
    }

    /**
     * @param bytes UTF-8 JSON
     * @return the decoded value
     * @throws IOException if the bytes are not exactly one JSON value
     */
    public static Object parse(byte[] bytes) throws IOException {
        return longInts(MAPPER.readValue(bytes, Object.class));
    }

    /** Jackson decodes small integers as {@code Integer}; make them {@code Long}, so equal JSON is equal Java. */
    @SuppressWarnings("unchecked")
    private static Object longInts(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((k, v) -> longInts(v));
        } else if (value instanceof List<?> list) {
            ((List<Object>) list).replaceAll(Json::longInts);
        }
        return value;
    }

    /**
     * @param text some text
     * @return the decoded value, or {@code null} when the text is not JSON (use only where JSON {@code null}
     *         and "not JSON" need not be told apart)
     */
    public static Object parseOrNull(String text) {
        try {
            return parse(text);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * @param value a decoded JSON value
     * @return its compact JSON text
     */
    public static String compact(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName(), e);
        }
    }

    /** @return whether the value is a decoded JSON object */
    public static boolean isObject(Object value) {
        return value instanceof Map<?, ?>;
    }

    /** @return whether the value is a decoded JSON array */
    public static boolean isArray(Object value) {
        return value instanceof List<?>;
    }

    /**
     * @param value a decoded JSON object
     * @return the same map, typed
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }
}
