package dev.smcp.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CallArgumentsTest {

    private static String parsed(String... words) {
        return Json.compact(CallArguments.parse(List.of(words)));
    }

    private static String error(String... words) {
        return assertThrows(IllegalArgumentException.class, () -> CallArguments.parse(List.of(words))).getMessage();
    }

    @Test
    void noWordsAreNoArguments() {
        assertEquals("{}", parsed());
    }

    @Test
    void oneJsonObjectIsTakenAsItIs() {
        assertEquals("{\"operation\":\"add\",\"a\":2,\"b\":3.50,\"tags\":[\"x\"],\"n\":null}",
                parsed("{\"operation\": \"add\", \"a\": 2, \"b\": 3.50, \"tags\": [\"x\"], \"n\": null}"));
        assertEquals("{\"a\":1}", parsed("  {\"a\": 1}\n"));
    }

    @Test
    void aJsonObjectThatIsNotValidJsonIsAnError() {
        String message = error("{\"a\": 1,}");
        assertTrue(message.startsWith("The arguments are not valid JSON: "), message);
        assertTrue(message.contains("'{\"a\": 1}'"), message);
        assertTrue(error("{\"a\": 1} {\"b\": 2}").startsWith("The arguments are not valid JSON"));
    }

    @Test
    void aJsonObjectMustComeAlone() {
        assertTrue(error("{\"a\": 1}", "b=2").startsWith("Give either one JSON object or key=value pairs"));
        assertTrue(error("b=2", "{\"a\": 1}").contains("give the JSON object alone"));
    }

    @Test
    void pairValuesAreJsonWhenTheyAreValidJson() {
        assertEquals("{\"a\":2,\"b\":-1.50,\"flag\":true,\"off\":false,\"nothing\":null,\"list\":[1,\"two\"],"
                + "\"object\":{\"k\":\"v\"},\"quoted\":\"2\"}",
                parsed("a=2", "b=-1.50", "flag=true", "off=false", "nothing=null", "list=[1,\"two\"]",
                        "object={\"k\":\"v\"}", "quoted=\"2\""));
    }

    @Test
    void pairValuesThatAreNotJsonAreStrings() {
        assertEquals("{\"operation\":\"add\",\"text\":\"hello big world\",\"empty\":\"\",\"blank\":\" \","
                + "\"expr\":\"x=1\",\"almost\":\"[1,\",\"two\":\"1 2\"}",
                parsed("operation=add", "text=hello big world", "empty=", "blank= ", "expr=x=1", "almost=[1,",
                        "two=1 2"));
    }

    @Test
    void aPairNeedsAKeyAndAnEqualsSign() {
        assertEquals("Expected key=value or one JSON object, got: add", error("add"));
        assertEquals("Expected key=value or one JSON object, got: =1", error("=1"));
    }

    @Test
    void aKeyMayBeGivenOnce() {
        assertEquals("Argument a is given twice", error("a=1", "a=2"));
    }

    @Test
    void jsonThatIsNotAnObjectIsNotTheArgumentsObject() {
        assertEquals("Expected key=value or one JSON object, got: [1,2]", error("[1,2]"));
        assertEquals("Expected key=value or one JSON object, got: \"text\"", error("\"text\""));
    }
}
