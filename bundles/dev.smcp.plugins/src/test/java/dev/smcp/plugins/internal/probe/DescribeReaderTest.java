package dev.smcp.plugins.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.smcp.plugins.internal.model.CommandDescriptor;
import dev.smcp.plugins.internal.model.Json;

class DescribeReaderTest {

    private final List<String> warnings = new ArrayList<>();

    private List<CommandDescriptor> read(String plugin, String json) {
        Object spec = Json.parseOrNull(json);
        assertEquals(List.of(), DescribeContract.validate(spec));
        return DescribeReader.read(plugin, Json.asObject(spec), warnings);
    }

    private static Object json(String text) {
        return Json.parseOrNull(text);
    }

    @Test
    void titleAnnotationsAndOutputSchemaAreKept() {
        CommandDescriptor c = read("p", """
                {"commands":[{"name":"a","title":"Alpha","annotations":{"readOnlyHint":true},
                 "output_schema":{"type":"object","properties":{"n":{"type":"integer"}}}}]}""").get(0);
        assertEquals("Alpha", c.title());
        assertEquals(json("{\"readOnlyHint\":true}"), c.annotations());
        assertEquals(json("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}"), c.outputSchema());
        assertEquals(List.of(), warnings);
        List<CommandDescriptor> all = read("p", """
                {"commands":[{"name":"b","outputSchema":{"type":"object"}},
                 {"name":"c","title":" ","annotations":[1],"output_schema":{"type":"array"}}]}""");
        assertEquals(json("{\"type\":\"object\"}"), all.get(0).outputSchema());
        CommandDescriptor bad = all.get(1);
        assertEquals(null, bad.title());
        assertEquals(null, bad.annotations());
        assertEquals(null, bad.outputSchema());
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void demoMathShape() {
        CommandDescriptor calculate = read("demo_math", """
                {"commands":[{"name":"calculate","description":"Add, subtract, multiply, or divide two numbers.",
                 "parameters":[{"name":"operation","type":"string","required":true,"description":"One of: add, subtract, multiply, divide"},
                 {"name":"a","type":"number","required":true,"description":"First operand"},
                 {"name":"b","type":"number","required":true,"description":"Second operand"}]}]}""").get(0);
        assertEquals("Add, subtract, multiply, or divide two numbers.", calculate.description());
        assertEquals(json("""
                {"type":"object","properties":{"operation":{"type":"string","description":"One of: add, subtract, multiply, divide"},
                 "a":{"type":"number","description":"First operand"},"b":{"type":"number","description":"Second operand"}},
                 "required":["operation","a","b"],"additionalProperties":false}"""), calculate.inputSchema());
        assertEquals(List.of(), warnings);
    }

    @Test
    void demoTextShapeKeepsFalsyDefaults() {
        CommandDescriptor echo = read("demo_text", """
                {"commands":[{"name":"echo","parameters":[{"name":"message","type":"string","required":true,"description":"Body text"},
                 {"name":"prefix","type":"string","required":false,"default":"","description":"Optional label before the message"},
                 {"name":"n","type":"integer","default":0,"description":""},{"name":"b","type":"boolean","default":false},
                 {"name":"z","default":null}]}]}""").get(0);
        assertEquals("Execute demo_text echo command", echo.description());
        assertEquals(json("""
                {"type":"object","properties":{"message":{"type":"string","description":"Body text"},
                 "prefix":{"type":"string","description":"Optional label before the message","default":""},
                 "n":{"type":"integer","default":0},"b":{"type":"boolean","default":false},"z":{"type":"string"}},
                 "required":["message"],"additionalProperties":false}"""), echo.inputSchema());
        assertEquals("", echo.parameters().get(2).description());
    }

    @Test
    void emptyDescriptionIsKept() {
        assertEquals("", read("p", "{\"commands\":[{\"name\":\"a\",\"description\":\"\"}]}").get(0).description());
    }

    @Test
    void arraysHonourDeclaredItemsOrAcceptAnything() {
        CommandDescriptor c = read("p", """
                {"commands":[{"name":"send","parameters":[
                 {"name":"recipients","type":"array","items":{"type":"object","properties":{"display_name":{"type":"string"}}}},
                 {"name":"tags","type":"array"},{"name":"bad","type":"array","items":"string"},
                 {"name":"levels","type":"array","choices":["a","b"]}]}]}""").get(0);
        assertEquals(json("""
                {"type":"object","properties":{
                 "recipients":{"type":"array","items":{"type":"object","properties":{"display_name":{"type":"string"}}}},
                 "tags":{"type":"array","items":{}},"bad":{"type":"array","items":{}},
                 "levels":{"type":"array","items":{"enum":["a","b"]}}},
                 "required":[],"additionalProperties":false}"""), c.inputSchema());
    }

    @Test
    void enumOrChoicesBecomeEnum() {
        CommandDescriptor c = read("p", """
                {"commands":[{"name":"a","parameters":[{"name":"op","enum":["add","sub"],"required":true},
                 {"name":"mode","type":"string","choices":["x","y"]},{"name":"n","type":"integer","enum":"nope"}]}]}""")
                .get(0);
        assertEquals(json("""
                {"type":"object","properties":{"op":{"type":"string","enum":["add","sub"]},
                 "mode":{"type":"string","enum":["x","y"]},"n":{"type":"integer"}},
                 "required":["op"],"additionalProperties":false}"""), c.inputSchema());
    }

    @Test
    void skipsReservedDuplicateAndUnusableCommands() {
        List<CommandDescriptor> commands = read("p", """
                {"commands":[{"name":"connect"},{"name":"a","description":"first"},{"name":"disconnect"},
                 {"name":"a","description":"second"},{"name":"-x"},{"name":"%s"},{"name":"b"}]}""".formatted("c".repeat(62)));
        assertEquals(List.of("a", "b"), commands.stream().map(CommandDescriptor::name).toList());
        assertEquals("first", commands.get(0).description());
        assertEquals(5, warnings.size(), warnings.toString());
        assertEquals("Command 'connect' skipped: connect/disconnect are not exposed (every call connects by itself)",
                warnings.get(0));
        assertEquals("Command 'a' skipped: duplicate command name (the first one is kept)", warnings.get(2));
        assertEquals("Command '-x' skipped: a name starting with '-' would be read as an option", warnings.get(3));
        assertEquals("Command '" + "c".repeat(62) + "' skipped: tool name 'p__" + "c".repeat(62)
                + "' does not match ^[a-zA-Z0-9_-]{1,64}$ (longer than 64 characters)", warnings.get(4));
    }

    @Test
    void requiredIsDeduplicatedAndAliasClashesSkipped() {
        CommandDescriptor c = read("p", """
                {"commands":[{"name":"a","parameters":[{"name":"dry-run","type":"boolean","required":true},
                 {"name":"dry_run","type":"string","required":true}]}]}""").get(0);
        assertEquals(List.of("dry-run"), c.inputSchema().get("required"));
        assertEquals(1, c.parameters().size());
        assertEquals(List.of("Command 'a': parameter 'dry_run' skipped: it is the same option as 'dry-run'"
                + " (hyphens and underscores are equivalent)"), warnings);
    }

    @Test
    void untypedStoreTrueIsBoolean() {
        CommandDescriptor c = read("p", """
                {"commands":[{"name":"a","parameters":[{"name":"v","action":"store_true"},{"name":"s"}]}]}""").get(0);
        assertEquals(Map.of("type", "boolean"), Json.asObject(((Map<?, ?>) c.inputSchema().get("properties")).get("v")));
        assertEquals("string", c.parameters().get(1).type());
        assertEquals("store_true", c.parameters().get(0).spec().get("action"));
    }
}
