package dev.smcp.benchmark;

import java.util.Map;
import java.util.regex.Pattern;

/** What {@code calculate add 2 3} must answer, checked on every call. */
final class ExpectedResult {

    static final String PLUGIN = "demo_math";
    static final String COMMAND = "calculate";
    static final String TOOL = PLUGIN + "__" + COMMAND;
    static final Map<String, Object> ARGUMENTS = Map.of("operation", "add", "a", 2, "b", 3);
    static final String JSON = "{\"operation\":\"add\",\"a\":2,\"b\":3}";
    private static final Pattern RESULT_FIVE = Pattern.compile("\"result\"\\s*:\\s*5(\\.0)?\\b");

    private ExpectedResult() {
    }

    /** @return {@code null} when the CLI's JSON output holds the result 5, else what is wrong */
    static String problem(String output) {
        return RESULT_FIVE.matcher(output).find() ? null : "unexpected output: " + output.strip();
    }

    /** @return {@code null} when the structured content holds the result 5, else what is wrong */
    static String problem(Object structuredContent) {
        if (structuredContent instanceof Map<?, ?> map && map.get("result") instanceof Number n
                && n.doubleValue() == 5.0) {
            return null;
        }
        return "unexpected structured content: " + structuredContent;
    }
}
