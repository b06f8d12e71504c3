package dev.smcp.plugins.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.ParameterDescriptor;

class ArgvRendererTest {

    private static ParameterDescriptor param(String name, String type, Object... spec) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("type", type);
        for (int i = 0; i < spec.length; i += 2) {
            map.put((String) spec[i], spec[i + 1]);
        }
        return new ParameterDescriptor(name, type, null, false, null, map);
    }

    private static List<String> render(Object value, ParameterDescriptor parameter) {
        return ArgvRenderer.renderArgument(parameter == null ? "x" : parameter.name(), value, parameter);
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    @Test
    void nullRendersNothing() {
        assertEquals(List.of(), render(null, param("x", "string")));
    }

    @Test
    void stringsAreOneElementEvenWhenTheyLookLikeFlags() {
        assertEquals(List.of("--x=a b"), render("a b", null));
        assertEquals(List.of("--x=--describe"), render("--describe", param("x", "string")));
        assertEquals(List.of("--x=-5"), render("-5", param("x", "string")));
        assertEquals(List.of("--x="), render("", param("x", "string")));
        assertEquals(List.of("--x=héllo ✓ 日本"), render("héllo ✓ 日本", param("x", "string")));
        assertEquals(List.of("--x=a=b"), render("a=b", param("x", "string")));
    }

    @Test
    void flagNameTurnsUnderscoresIntoHyphens() {
        assertEquals(List.of("--dry-run=v"), ArgvRenderer.renderArgument("dry_run", "v", null));
        assertEquals(List.of("--a-b-c=v"), ArgvRenderer.renderArgument("a_b-c", "v", null));
    }

    @Test
    void scrapedExactFlagIsKept() {
        ParameterDescriptor p = param("dry_run", "string", "flag", "--dry_run");
        assertEquals(List.of("--dry_run=v"), ArgvRenderer.renderArgument("dry_run", "v", p));
    }

    @Test
    void booleansFlagStyle() {
        for (ParameterDescriptor p : List.of(param("s", "boolean", "action", "store_true"),
                param("s", "boolean", "action", " Store_False "), param("s", "boolean", "arg_style", "flag"),
                param("s", "boolean", "takes_value", false))) {
            assertEquals(List.of("--s"), render(true, p), p.spec().toString());
            assertEquals(List.of(), render(false, p), p.spec().toString());
        }
    }

    @Test
    void booleansValueStyle() {
        for (ParameterDescriptor p : Arrays.asList(null, param("x", "boolean"),
                param("x", "boolean", "takes_value", false, "arg_style", "value"),
                param("x", "boolean", "action", "store"))) {
            assertEquals(List.of("--x=true"), render(true, p));
            assertEquals(List.of("--x=false"), render(false, p));
        }
    }

    @Test
    void actionBeatsArgStyle() {
        assertTrue(ArgvRenderer.isFlagStyle(Map.of("action", "store_true", "arg_style", "value")));
        assertFalse(ArgvRenderer.isFlagStyle(Map.of("action", "store", "arg_style", "value", "takes_value", false)));
        assertTrue(ArgvRenderer.isFlagStyle(Map.of("arg_style", "flag", "takes_value", true)));
    }

    @Test
    void numbers() {
        assertEquals(List.of("--x=3"), render(3L, param("x", "integer")));
        assertEquals(List.of("--x=10000000000000000000000"),
                render(new BigInteger("10000000000000000000000"), param("x", "integer")));
        assertEquals(List.of("--x=2.0"), render(2.0, param("x", "number")));
        assertEquals(List.of("--x=2"), render(2.0, param("x", "integer")));
        assertEquals(List.of("--x=2.5"), render(2.5, param("x", "number")));
        assertEquals(List.of("--x=1e-7"), render(1e-7, param("x", "number")));
        assertEquals(List.of("--x=-1.5"), render(-1.5, param("x", "number")));
    }

    @Test
    void scalarArraysRepeatTheOption() {
        ParameterDescriptor tags = param("tags", "array");
        assertEquals(List.of("--tags=x", "--tags=y"), render(list("x", "y"), tags));
        assertEquals(List.of("--tags=1", "--tags=2.5", "--tags=true", "--tags=null"),
                render(list(1L, 2.5, true, null), tags));
        assertEquals(List.of(), render(list(), tags));
        assertEquals(List.of("--tags=-a"), render(list("-a"), tags));
        assertEquals(List.of("--n=2", "--n=3"),
                render(list(2.0, 3L), param("n", "array", "items", Map.of("type", "integer"))));
    }

    @Test
    void arraysHoldingContainersAreOneJsonArgument() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("display_name", "A");
        a.put("n", List.of(1L, 2L));
        assertEquals(List.of("--recipients=[{\"display_name\":\"A\",\"n\":[1,2]}]"),
                render(list(a), param("recipients", "array")));
        assertEquals(List.of("--m=[[1,2],[3]]"), render(list(List.of(1L, 2L), List.of(3L)), param("m", "array")));
    }

    @Test
    void objectsAreOneCompactUtf8JsonArgument() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("k", "é");
        cfg.put("n", List.of(1L, 2L));
        cfg.put("f", 2.0);
        assertEquals(List.of("--cfg={\"k\":\"é\",\"n\":[1,2],\"f\":2.0}"), render(cfg, param("cfg", "object")));
        assertEquals(List.of("--x={}"), render(Map.of(), null));
        assertEquals(List.of("--cfg=[1,2]"), render(list(1L, 2L), param("cfg", "object")));
    }

    @Test
    void nargsItemsThatArgparseWouldTakeForOptionsAreRefused() {
        CommandDescriptor command = new CommandDescriptor("c", "", List.of(param("tags", "array", "nargs", "+")),
                Map.of());
        assertEquals(List.of(), ArgvRenderer.problems(command, Map.of("tags", list("a", "-5", "-2.5e3", "-.5"))));
        assertEquals(List.of("tags[1]: must not start with '-' (this option takes its items as separate arguments, so"
                + " the plugin would read it as an option)"),
                ArgvRenderer.problems(command, Map.of("tags", list("a", "--admin"))));
    }

    @Test
    void undeclaredArgumentsNeedOptionNames() {
        CommandDescriptor command = new CommandDescriptor("c", "", List.of(), Map.of());
        assertEquals(List.of(), ArgvRenderer.problems(command, Map.of("dry_run", true, "some-flag", 1L)));
        assertEquals(List.of("message=x: is not a valid option name (letters, digits, '_' and '-', starting with a"
                + " letter or digit)"), ArgvRenderer.problems(command, Map.of("message=x", "y")));
        assertEquals(1, ArgvRenderer.problems(command, Map.of("", "y")).size());
        assertEquals(1, ArgvRenderer.problems(command, Map.of("-x", "y")).size());
    }

    @Test
    void nargsParametersPassItemsAsSeparateElements() {
        ParameterDescriptor tags = param("tags", "array", "nargs", "+");
        assertEquals(List.of("--tags", "a", "b"), render(list("a", "b"), tags));
        assertEquals(List.of(), render(list(), tags));
        assertEquals(List.of("--point", "1", "2.5"), render(list(1L, 2.5), param("point", "array", "nargs", "2")));
    }

    @Test
    void fullArgvInArgumentOrder() {
        CommandDescriptor command = new CommandDescriptor("echoargv", "", List.of(param("name", "string"),
                param("count", "integer"), param("ratio", "number"), param("flag", "boolean"),
                param("sflag", "boolean", "action", "store_true"), param("tags", "array"), param("cfg", "object"),
                param("dry_run", "boolean"), param("some-thing", "string")), Map.of());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("name", "a b");
        args.put("count", 3L);
        args.put("ratio", 2.0);
        args.put("flag", false);
        args.put("sflag", false);
        args.put("tags", List.of("x", "y"));
        args.put("cfg", new LinkedHashMap<>(Map.of("k", "é")));
        args.put("dry_run", true);
        args.put("some-thing", "v");
        assertEquals(List.of("python3", "/p/cli.py", "echoargv", "--name=a b", "--count=3", "--ratio=2.0",
                "--flag=false", "--tags=x", "--tags=y", "--cfg={\"k\":\"é\"}", "--dry-run=true", "--some-thing=v"),
                ArgvRenderer.render(List.of("python3", "/p/cli.py"), command, args));
    }
}
