package dev.smcp.plugins.internal.model;

import java.util.Map;
import java.util.Objects;

/**
 * One parameter of a plugin command, as declared by {@code --describe} or scraped from {@code --help}.
 *
 * @param name the parameter name as declared (hyphens kept)
 * @param type one of {@code string, number, integer, boolean, array, object}
 * @param description the description, or {@code null}
 * @param required whether the parameter is required
 * @param defaultValue the declared default as a decoded JSON value, or {@code null} for none
 * @param spec the declared parameter object as decoded JSON (keeps {@code action}, {@code arg_style},
 *            {@code takes_value}, {@code items}, {@code enum}, ... for rendering and validation)
 */
public record ParameterDescriptor(String name, String type, String description, boolean required, Object defaultValue,
        Map<String, Object> spec) {

    public ParameterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        spec = spec == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(spec));
    }
}
