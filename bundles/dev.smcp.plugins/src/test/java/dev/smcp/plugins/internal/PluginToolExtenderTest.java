package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import dev.smcp.api.McpTool;
import dev.smcp.api.exec.ProcessExecutor;
import dev.smcp.plugins.internal.call.CallSettings;
import dev.smcp.plugins.internal.call.CliTool;
import dev.smcp.plugins.internal.model.PluginDescriptor;

import org.junit.jupiter.api.Test;

class PluginToolExtenderTest {

    @Test
    void toolServicePropertiesNameDescribeAndSchemaTheCommand() {
        PluginDescriptor plugin = TestDescriptors.plugin("demo", Path.of("/opt/plugins/demo"), "add");
        ProcessExecutor unused = (request, cancellation) -> {
            throw new AssertionError("not called");
        };
        CliTool tool = new CliTool(plugin, plugin.commands().get(0), unused, CallSettings.defaults());

        var properties = PluginToolExtender.toolProperties(tool);

        assertEquals("demo__add", properties.get(McpTool.NAME));
        assertEquals("Does add", properties.get(McpTool.DESCRIPTION));
        assertEquals("demo", properties.get(McpTool.PLUGIN));
        assertEquals(plugin.commands().get(0).inputSchema(),
                dev.smcp.plugins.internal.model.Json.parseOrNull((String) properties.get(McpTool.INPUT_SCHEMA)));
        assertEquals(4, properties.size());
    }
}
