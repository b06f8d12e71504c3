package dev.smcp.plugins.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.smcp.plugins.internal.model.Json;

class DescribeContractTest {

    private static List<String> validate(String json) {
        return DescribeContract.validate(Json.parseOrNull(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // full
            "{\"contract_version\":\"1.0\",\"plugin\":{\"name\":\"p\",\"version\":\"1\"},\"commands\":[{\"name\":\"a\","
                    + "\"description\":\"d\",\"parameters\":[{\"name\":\"x\",\"type\":\"string\",\"required\":true,"
                    + "\"description\":\"x\",\"extra\":1}]}]}",
            // no contract_version, no plugin, no parameters
            "{\"commands\":[{\"name\":\"a\"}]}",
            "{\"commands\":[]}",
            "{\"contract_version\":\"1\",\"commands\":[]}",
            "{\"contract_version\":\"1.2.3\",\"commands\":[]}",
            "{\"contract_version\":\"1.foo\",\"commands\":[]}",
            "{\"plugin\":{},\"commands\":[{\"name\":\"a-b_C9\",\"parameters\":[]}]}",
            "{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"n\",\"type\":\"integer\"},"
                    + "{\"name\":\"b\",\"type\":\"boolean\",\"required\":false},{\"name\":\"o\",\"type\":\"object\"},"
                    + "{\"name\":\"l\",\"type\":\"array\",\"items\":{\"type\":\"object\"}},{\"name\":\"f\",\"type\":\"number\"}]}]}" })
    void accepts(String json) {
        assertEquals(List.of(), validate(json));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("[]", "describe output must be a JSON object"),
                Arguments.of("{}", "missing required 'commands' array"),
                Arguments.of("{\"commands\":{}}", "'commands' must be an array"),
                Arguments.of("{\"contract_version\":\"2.0\",\"commands\":[]}", "unsupported contract_version '2.0'; this core implements contract v1"),
                Arguments.of("{\"contract_version\":1,\"commands\":[]}", "contract_version must be a string (e.g. \"1.0\")"),
                Arguments.of("{\"plugin\":[],\"commands\":[]}", "plugin must be an object"),
                Arguments.of("{\"plugin\":{\"name\":\" \"},\"commands\":[]}", "plugin.name must be a non-empty string"),
                Arguments.of("{\"plugin\":{\"name\":5},\"commands\":[]}", "plugin.name must be a non-empty string"),
                Arguments.of("{\"commands\":[5]}", "commands[0] must be an object"),
                Arguments.of("{\"commands\":[{}]}", "commands[0].name is required"),
                Arguments.of("{\"commands\":[{\"name\":\"\"}]}", "commands[0].name must be a non-empty string"),
                Arguments.of("{\"commands\":[{\"name\":7}]}", "commands[0].name must be a non-empty string"),
                Arguments.of("{\"commands\":[{\"name\":\"bad name!\"}]}", "commands[0].name 'bad name!' must match ^[a-zA-Z0-9_-]+$ (it becomes part of the tool name)"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"description\":3}]}", "commands[0].description must be a string"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":{}}]}", "commands[0].parameters must be an array"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[\"x\"]}]}", "commands[0].parameters[0] must be an object"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{}]}]}", "commands[0].parameters[0].name is required"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"\"}]}]}", "commands[0].parameters[0].name must be a non-empty string"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"x\",\"type\":\"str\"}]}]}", "commands[0].parameters[0].type 'str' is not one of array|boolean|integer|number|object|string"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"x\",\"type\":null}]}]}", "commands[0].parameters[0].type None is not one of array|boolean|integer|number|object|string"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"x\",\"type\":\"String\"}]}]}", "commands[0].parameters[0].type 'String' is not one of array|boolean|integer|number|object|string"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"x\",\"required\":\"yes\"}]}]}", "commands[0].parameters[0].required must be a boolean"),
                Arguments.of("{\"commands\":[{\"name\":\"a\",\"parameters\":[{\"name\":\"x\",\"description\":null}]}]}", "commands[0].parameters[0].description must be a string"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejects(String json, String message) {
        assertEquals(List.of(message), validate(json));
    }

    @org.junit.jupiter.api.Test
    void reportsEveryViolation() {
        assertEquals(List.of("unsupported contract_version '3'; this core implements contract v1",
                "commands[0].name is required", "commands[1].parameters[0].type 5 is not one of "
                        + "array|boolean|integer|number|object|string"),
                validate("{\"contract_version\":\"3\",\"commands\":[{},{\"name\":\"b\",\"parameters\":[{\"name\":\"x\","
                        + "\"type\":5}]}]}"));
    }
}
