package dev.smcp.plugins.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.plugins.internal.model.ParameterDescriptor;

class ArgumentCoercerTest {

    private static ParameterDescriptor param(String name, String type) {
        return new ParameterDescriptor(name, type, null, false, null, Map.of("name", name, "type", type));
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> coerce(Map<String, Object> args, ParameterDescriptor... params) {
        return ArgumentCoercer.coerce(args, List.of(params));
    }

    @Test
    void aliasesLandOnTheDeclaredName() {
        assertEquals(args("dry_run", true), coerce(args("dry-run", true), param("dry_run", "boolean")));
        assertEquals(args("dry-run", true), coerce(args("dry_run", true), param("dry-run", "boolean")));
    }

    @Test
    void firstNonNullSpellingWins() {
        assertEquals(args("foo_bar", "a"), coerce(args("foo_bar", "a", "foo-bar", "b"), param("foo_bar", "string")));
        assertEquals(args("foo_bar", "v"), coerce(args("foo_bar", null, "foo-bar", "v"), param("foo_bar", "string")));
        assertEquals(args("foo_bar", "v"), coerce(args("foo-bar", "v", "foo_bar", null), param("foo_bar", "string")));
    }

    @Test
    void undeclaredKeysCoalesceOnTheirFirstSpelling() {
        assertEquals(args("some-random-flag", "v"), coerce(args("some-random-flag", "v", "some_random_flag", "w")));
    }

    @Test
    void nullsAreDroppedAndOrderKept() {
        Map<String, Object> in = args("b", 1L, "a", null, "c", "x");
        assertEquals(List.of("b", "c"), new ArrayList<>(coerce(in, param("a", "string")).keySet()));
    }

    @Test
    void lettaItemWrapperIsUnwrapped() {
        ParameterDescriptor r = param("recipients", "array");
        List<Object> objects = List.of(Map.of("display_name", "A"));
        assertEquals(args("recipients", objects), coerce(args("recipients", Map.of("item", objects)), r));
        assertEquals(args("recipients", List.of(Map.of("display_name", "A"))),
                coerce(args("recipients", Map.of("item", Map.of("display_name", "A"))), r));
        assertEquals(args("recipients", List.of("x")), coerce(args("recipients", Map.of("item", "x")), r));
    }

    @Test
    void singleObjectOrScalarBecomesOneElementList() {
        ParameterDescriptor r = param("r", "array");
        assertEquals(args("r", List.of(Map.of("a", 1L))), coerce(args("r", Map.of("a", 1L)), r));
        assertEquals(args("r", List.of("x")), coerce(args("r", "x"), r));
        assertEquals(args("r", List.of(5L)), coerce(args("r", 5L), r));
        assertEquals(args("r", List.of(true)), coerce(args("r", true), r));
    }

    @Test
    void jsonStringsOfTheDeclaredTypeAreParsed() {
        assertEquals(args("r", List.of(Map.of("x", 1L))), coerce(args("r", " [{\"x\":1}] "), param("r", "array")));
        assertEquals(args("r", List.of("{\"x\":1}")), coerce(args("r", "{\"x\":1}"), param("r", "array")));
        assertEquals(args("c", Map.of("a", List.of(1L))), coerce(args("c", "{\"a\":[1]}"), param("c", "object")));
        assertEquals(args("c", "[1]"), coerce(args("c", "[1]"), param("c", "object")));
        assertEquals(args("c", "not json"), coerce(args("c", "not json"), param("c", "object")));
        assertEquals(args("s", "[1]"), coerce(args("s", "[1]"), param("s", "string")));
    }

    @Test
    void listsStayListsEvenWithNulls() {
        List<Object> withNull = new ArrayList<>(Arrays.asList("a", null));
        assertEquals(args("r", withNull), coerce(args("r", withNull), param("r", "array")));
    }

    @Test
    void scrapedStringOptionsTakeNumbersAndBooleansAsText() {
        ParameterDescriptor count = new ParameterDescriptor("count", "string", null, false, null,
                Map.of("name", "count", "type", "string", "source", "help"));
        assertEquals(args("count", "5", "x", "2.5"), coerce(args("count", 5L, "x", 2.5), count,
                new ParameterDescriptor("x", "string", null, false, null, Map.of("source", "help"))));
        assertEquals(args("count", "true"), coerce(args("count", true), count));
        // declared by --describe: the type is known and stays strict
        assertEquals(args("s", 5L), coerce(args("s", 5L), param("s", "string")));
    }

    @Test
    void inputIsNotModified() {
        Map<String, Object> in = args("dry-run", true, "x", null);
        coerce(in, param("dry_run", "boolean"));
        assertEquals(args("dry-run", true, "x", null), in);
    }
}
