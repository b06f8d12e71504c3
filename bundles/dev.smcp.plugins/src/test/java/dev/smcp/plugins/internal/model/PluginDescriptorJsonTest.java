package dev.smcp.plugins.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PluginDescriptorJsonTest {

    @Test
    void roundTripsEverything() throws IOException {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "recipients");
        spec.put("type", "array");
        spec.put("items", Map.of("type", "object", "properties", Map.of("n", Map.of("type", "integer"))));
        spec.put("action", "store_true");
        spec.put("big", new BigInteger("123456789012345678901234567890"));
        spec.put("ratio", 2.5);
        spec.put("nothing", null);
        spec.put("list", new ArrayList<>(Arrays.asList(1L, "x", true, null)));
        ParameterDescriptor recipients = new ParameterDescriptor("recipients", "array", "Who gets it é", true,
                List.of(Map.of("n", 1L)), spec);
        ParameterDescriptor plain = new ParameterDescriptor("x", "string", null, false, null, Map.of());
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("recipients", Map.of("type", "array", "items", Map.of())));
        schema.put("required", List.of("recipients"));
        schema.put("additionalProperties", false);
        PluginDescriptor d = new PluginDescriptor("demo", Path.of("/opt/plugins/demo"),
                List.of("python3", "/opt/plugins/demo/cli.py"), PluginDescriptor.SOURCE_DESCRIBE,
                List.of(new CommandDescriptor("send", "", List.of(recipients, plain), schema),
                        new CommandDescriptor("other", "Execute demo other command", List.of(), Map.of("type", "object"))),
                List.of("Command 'connect' skipped"));
        byte[] json = PluginDescriptorJson.write(d);
        PluginDescriptor back = PluginDescriptorJson.read(json);
        assertEquals(d, back);
        assertEquals(new String(json, StandardCharsets.UTF_8), new String(PluginDescriptorJson.write(back),
                StandardCharsets.UTF_8));
        assertEquals(Path.of("/opt/plugins/demo"), back.directory());
    }

    @Test
    void rejectsWhatItDidNotWrite() {
        for (String bad : List.of("", "[]", "{}", "{\"format\":2}", "{\"name\":1}", "{\"format\":1,\"name\":\"a\","
                + "\"directory\":\"/a\",\"launcher\":[\"x\"],\"source\":\"help\",\"commands\":[{\"name\":\"c\"}]}")) {
            assertThrows(IOException.class, () -> PluginDescriptorJson.read(bad.getBytes(StandardCharsets.UTF_8)), bad);
        }
    }
}
