package dev.smcp.shell.internal;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The arguments of {@code smcp:call} as typed in the console: either one JSON object, or {@code key=value} pairs
 * whose value is taken as JSON when it is valid JSON ({@code a=2}, {@code flag=true}, {@code tags=["x","y"]}) and as
 * a string otherwise ({@code operation=add}).
 */
final class CallArguments {

    private CallArguments() {
    }

    /**
     * @param words the words after the tool name, as Gogo passed them (quotes already removed)
     * @return the tool arguments
     * @throws IllegalArgumentException with a message for the console when the words are neither form
     */
    static ObjectNode parse(List<String> words) {
        ObjectNode arguments = Json.object();
        if (words.isEmpty()) {
            return arguments;
        }
        if (words.get(0).strip().startsWith("{")) {
            if (words.size() > 1) {
                throw new IllegalArgumentException(
                        "Give either one JSON object or key=value pairs, not both (quote the JSON object as one word: "
                                + "'{\"a\": 1}')");
            }
            return jsonObject(words.get(0));
        }
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Expected key=value or one JSON object, got: "
                        + Text.oneLine(word, 60) + (word.strip().startsWith("{") ? " (give the JSON object alone)" : ""));
            }
            String key = word.substring(0, equals);
            if (arguments.has(key)) {
                throw new IllegalArgumentException("Argument " + Text.oneLine(key, 60) + " is given twice");
            }
            arguments.set(key, value(word.substring(equals + 1)));
        }
        return arguments;
    }

    /** @return the value as JSON when it is one JSON value, else as a string */
    static JsonNode value(String text) {
        try {
            JsonNode value = Json.parse(text);
            return value.isMissingNode() ? TextNode.valueOf(text) : value;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private static ObjectNode jsonObject(String text) {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The arguments are not valid JSON: " + Text.oneLine(
                    e.getOriginalMessage(), 120) + " (in the console, quote the object: '{\"a\": 1}')");
        }
        return (ObjectNode) node; // valid JSON that starts with '{' is an object
    }
}
