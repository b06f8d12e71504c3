package dev.smcp.plugins.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.plugins.internal.model.Json;

class ArgumentValidatorTest {

    private static final Map<String, Object> SCHEMA = Json.asObject(Json.parseOrNull("""
            {"type":"object","properties":{
              "operation":{"type":"string","enum":["add","subtract"]},
              "a":{"type":"number"},"n":{"type":"integer"},"flag":{"type":"boolean"},
              "tags":{"type":"array","items":{}},
              "ids":{"type":"array","items":{"type":"integer"}},
              "recipients":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"}},
                 "required":["name"],"additionalProperties":false}},
              "cfg":{"type":"object"}},
             "required":["operation","a"],"additionalProperties":false}"""));

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("operation", "add");
        map.put("a", 1L);
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private static List<String> validate(Map<String, Object> args) {
        return ArgumentValidator.validate(args, SCHEMA);
    }

    @Test
    void numbersBeyondDoubleRangeAreRefusedWherever() {
        assertEquals(List.of("a: number out of range"), validate(args("a", Double.POSITIVE_INFINITY)));
        assertEquals(List.of("cfg.deep[0]: number out of range"),
                validate(args("cfg", Map.of("deep", List.of(new BigDecimal("1e400"))))));
    }

    @Test
    void validArguments() {
        assertEquals(List.of(), validate(args("n", 3L, "flag", true, "tags", List.of("x", 1L, Map.of()),
                "ids", List.of(1L, 2.0, new BigInteger("99999999999999999999")),
                "recipients", List.of(Map.of("name", "A")), "cfg", Map.of("k", "v"), "a", 2.5)));
        assertEquals(List.of(), validate(args("n", new BigDecimal("4.00"))));
    }

    @Test
    void missingRequired() {
        assertEquals(List.of("operation: is required", "a: is required"), ArgumentValidator.validate(Map.of(), SCHEMA));
    }

    @Test
    void unknownParameterNamesTheKnownOnes() {
        assertEquals(List.of("extra: unknown parameter (expected one of: operation, a, n, flag, tags, ids, recipients,"
                + " cfg)"), validate(args("extra", 1L)));
        assertEquals(List.of("x: unknown parameter (none are accepted)"), ArgumentValidator.validate(Map.of("x", 1L),
                Map.of("type", "object", "properties", Map.of(), "additionalProperties", false)));
    }

    @Test
    void openSchemaAcceptsUnknownParameters() {
        assertEquals(List.of(), ArgumentValidator.validate(Map.of("x", 1L), Map.of("type", "object")));
    }

    @Test
    void typeMismatches() {
        assertEquals(List.of("a: expected number, got string \"2\""), validate(args("a", "2")));
        assertEquals(List.of("n: expected integer, got number 2.5"), validate(args("n", 2.5)));
        assertEquals(List.of("flag: expected boolean, got string \"true\""), validate(args("flag", "true")));
        assertEquals(List.of("tags: expected array, got object"), validate(args("tags", Map.of())));
        assertEquals(List.of("cfg: expected object, got array"), validate(args("cfg", List.of())));
        assertEquals(List.of("ids[1]: expected integer, got string \"x\""), validate(args("ids", List.of(1L, "x"))));
    }

    @Test
    void enumAndNested() {
        assertEquals(List.of("operation: must be one of [\"add\",\"subtract\"], got \"pow\""),
                validate(args("operation", "pow")));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("nom", "A");
        assertEquals(List.of("recipients[0].name: is required",
                "recipients[0].nom: unknown property (expected one of: name)",
                "recipients[1]: expected object, got string \"x\""),
                validate(args("recipients", List.of(bad, "x"))));
    }

    @Test
    void allFailuresAreReported() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("a", "x");
        args.put("zzz", 1L);
        assertEquals(List.of("operation: is required", "a: expected number, got string \"x\"",
                "zzz: unknown parameter (expected one of: operation, a, n, flag, tags, ids, recipients, cfg)"),
                ArgumentValidator.validate(args, SCHEMA));
    }

    @Test
    void boundsAndUnionTypes() {
        Map<String, Object> schema = Json.asObject(Json.parseOrNull("""
                {"type":"object","properties":{"n":{"type":["integer","null"],"minimum":1,"maximum":10},
                 "s":{"type":"string","maxLength":2},"l":{"type":"array","minItems":1}}}"""));
        assertEquals(List.of(), ArgumentValidator.validate(Map.of("n", 10L, "s", "ab", "l", List.of(1L)), schema));
        assertEquals(List.of("n: must be >= 1, got 0"), ArgumentValidator.validate(Map.of("n", 0L), schema));
        assertEquals(List.of("n: expected integer or null, got string \"1\""),
                ArgumentValidator.validate(Map.of("n", "1"), schema));
        assertEquals(List.of("s: must be at most 2 characters long"),
                ArgumentValidator.validate(Map.of("s", "abc"), schema));
        assertEquals(List.of("l: must have at least 1 items"), ArgumentValidator.validate(Map.of("l", List.of()), schema));
    }

    @Test
    void enumComparesNumbersByValue() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("n", Map.of("enum", List.of(1L, 2L))));
        assertEquals(List.of(), ArgumentValidator.validate(Map.of("n", 2.0), schema));
    }
}
