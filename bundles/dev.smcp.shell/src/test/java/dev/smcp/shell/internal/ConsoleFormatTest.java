package dev.smcp.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.smcp.api.runtime.FailedToolDTO;
import dev.smcp.api.runtime.PluginDTO;
import dev.smcp.api.runtime.ScanDTO;
import dev.smcp.api.runtime.ServerDTO;
import dev.smcp.api.runtime.SessionDTO;
import dev.smcp.api.runtime.ToolDTO;

class ConsoleFormatTest {

    private final ConsoleFormat format = new ConsoleFormat(ZoneOffset.UTC);

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    private static JsonNode json(String text) throws JsonProcessingException {
        return Json.parse(text);
    }

    @Test
    void pluginsAreOneLineEachWithTheErrorShortened() {
        PluginDTO broken = Dtos.plugin("broken", PluginDTO.STATE_FAILED, 14,
                "--describe failed: exit code 1\nTraceback (most recent call last):\n  File \"cli.py\", line 3");
        PluginDTO stopped = Dtos.plugin("demo_text", PluginDTO.STATE_STOPPED, 13, null);
        stopped.tools = null;
        PluginDTO[] plugins = { broken, Dtos.plugin("demo_math", PluginDTO.STATE_ACTIVE, 12, null, "demo_math__a",
                "demo_math__b", "demo_math__c"), stopped };
        assertEquals(lines(
                "NAME       KIND  STATE    BUNDLE  TOOLS  SOURCE    ERROR",
                "broken     cli   failed       14      0  -         --describe failed: exit code 1 ...",
                "demo_math  cli   active       12      3  describe  -",
                "demo_text  cli   stopped      13      0  describe  -"), format.plugins(plugins));
    }

    @Test
    void noPlugins() {
        assertEquals("No plugins.", format.plugins(new PluginDTO[0]));
    }

    @Test
    void onePluginInFull() {
        PluginDTO plugin = Dtos.plugin("demo_math", PluginDTO.STATE_ACTIVE, 12, null, "demo_math__calculate",
                "demo_math__coin_flip");
        plugin.warnings = new String[] { "command 'x y' skipped: invalid tool name" };
        assertEquals(lines(
                "name:           demo_math",
                "kind:           cli",
                "state:          active",
                "bundle:         12",
                "directory:      /srv/plugins/demo_math",
                "executable:     /srv/plugins/demo_math/cli.py",
                "source:         describe",
                "probed at:      2026-11-24 10:15:03",
                "tools (2):      demo_math__calculate",
                "                demo_math__coin_flip",
                "warnings (1):   command 'x y' skipped: invalid tool name",
                "error:          -"), format.plugin(plugin));
    }

    @Test
    void aFailedPluginShowsItsWholeErrorIndented() {
        PluginDTO plugin = Dtos.plugin("broken", PluginDTO.STATE_FAILED, -1, "--describe failed\n  line 2\n");
        plugin.executable = null;
        plugin.tools = new String[0];
        plugin.probedAt = 0;
        assertEquals(lines(
                "name:           broken",
                "kind:           cli",
                "state:          failed",
                "bundle:         -",
                "directory:      /srv/plugins/broken",
                "executable:     -",
                "source:         -",
                "probed at:      -",
                "tools (0):      -",
                "warnings (0):   -",
                "error:          --describe failed",
                "                  line 2"), format.plugin(plugin));
    }

    @Test
    void toolsThenTheServicesNotOffered() {
        ServerDTO server = new ServerDTO();
        server.tools = new ToolDTO[] {
                Dtos.tool("demo_math__calculate", "demo_math", 12, "Add, subtract, multiply, or divide two numbers."),
                Dtos.tool("java__hello", null, 40, "Says hello.\nMore details on the second line.") };
        server.failedTools = new FailedToolDTO[] {
                Dtos.failed("java__hello", 230, 41, FailedToolDTO.FAILURE_REASON_SHADOWED,
                        "service 77 has a higher ranking"),
                Dtos.failed(null, 231, 41, FailedToolDTO.FAILURE_REASON_INVALID_NAME, "mcp.tool.name is missing") };
        assertEquals(lines(
                "TOOL                  PLUGIN     BUNDLE  DESCRIPTION",
                "demo_math__calculate  demo_math      12  Add, subtract, multiply, or divide two numbers.",
                "java__hello           -              40  Says hello. ...",
                "",
                "Not offered (2):",
                "NAME         SERVICE  BUNDLE  REASON        MESSAGE",
                "java__hello      230      41  shadowed      service 77 has a higher ranking",
                "-                231      41  invalid name  mcp.tool.name is missing"), format.tools(server));
    }

    @Test
    void noTools() {
        ServerDTO server = new ServerDTO();
        assertEquals("No tools offered.", format.tools(server));
    }

    @Test
    void sessionsWithTheirClient() {
        SessionDTO[] sessions = {
                Dtos.session("4f0c8d6e1b2a4c3d9e8f7a6b5c4d3e2f", "sse", "2025-06-18", "letta", "0.6.1", 2),
                Dtos.session("0123456789abcdef0123456789abcdef", "sse", null, null, null, 0) };
        assertEquals(lines(
                "ID                                TRANSPORT  PROTOCOL    CLIENT       OPENED AT            IN FLIGHT",
                "4f0c8d6e1b2a4c3d9e8f7a6b5c4d3e2f  sse        2025-06-18  letta 0.6.1  2026-11-24 10:15:03          2",
                "0123456789abcdef0123456789abcdef  sse        -           -            2026-11-24 10:15:03          0"),
                format.sessions(sessions));
        assertEquals("No open sessions.", format.sessions(new SessionDTO[0]));
    }

    @Test
    void scanSummary() {
        ScanDTO scan = new ScanDTO();
        scan.directory = "/srv/plugins";
        scan.installed = new String[] { "new_one" };
        scan.updated = new String[0];
        scan.unchanged = new String[] { "demo_math", "demo_text" };
        scan.removed = new String[] { "smcp-plugin:/srv/plugins/old" };
        scan.failed = new String[0];
        scan.complete = true;
        scan.durationMillis = 812;
        assertEquals(lines(
                "Scanned /srv/plugins in 812 ms",
                "OUTCOME    COUNT  PLUGINS",
                "installed      1  new_one",
                "updated        0  -",
                "unchanged      2  demo_math, demo_text",
                "removed        1  smcp-plugin:/srv/plugins/old",
                "failed         0  -"), format.scan(scan));
        scan.complete = false;
        assertEquals("Scanned /srv/plugins in 812 ms (incomplete: stopped, or the directory cannot be read)",
                format.scan(scan).lines().findFirst().orElseThrow());
    }

    @Test
    void aResultShowsTextAndStructuredContent() throws Exception {
        JsonNode result = json("{\"content\":[{\"type\":\"text\",\"text\":\"{\\n  \\\"result\\\": 5.0\\n}\\n\"}],"
                + "\"isError\":false,\"structuredContent\":{\"ok\":true,\"result\":5.0,\"list\":[1,2]}}");
        assertEquals(lines(
                "demo_math__calculate: ok",
                "text:",
                "{",
                "  \"result\": 5.0",
                "}",
                "structured content:",
                "{",
                "  \"ok\": true,",
                "  \"result\": 5.0,",
                "  \"list\": [",
                "    1,",
                "    2",
                "  ]",
                "}"), format.call("demo_math__calculate", new ToolCaller.Answered(result)));
    }

    @Test
    void aToolErrorIsMarkedWithItsCodeAndMessage() throws Exception {
        JsonNode result = json("{\"content\":[{\"type\":\"text\",\"text\":\"division_by_zero\"},"
                + "{\"type\":\"image\",\"data\":\"AAAA\",\"mimeType\":\"image/png\"}],\"isError\":true,"
                + "\"structuredContent\":{\"error\":{\"code\":\"plugin_error\",\"message\":\"division_by_zero\"}}}");
        assertEquals(lines(
                "demo_math__calculate: ERROR plugin_error: division_by_zero",
                "text:",
                "division_by_zero",
                "image content: {\"type\":\"image\",\"data\":\"AAAA\",\"mimeType\":\"image/png\"}",
                "structured content:",
                "{",
                "  \"error\": {",
                "    \"code\": \"plugin_error\",",
                "    \"message\": \"division_by_zero\"",
                "  }",
                "}"), format.call("demo_math__calculate", new ToolCaller.Answered(result)));
    }

    @Test
    void aToolErrorWithoutAnErrorObjectIsStillAnError() throws Exception {
        JsonNode result = json("{\"content\":[{\"type\":\"text\",\"text\":\"it broke\"}],\"isError\":true}");
        assertEquals(lines("java__hello: ERROR (no error code)", "text:", "it broke"),
                format.call("java__hello", new ToolCaller.Answered(result)));
    }

    @Test
    void aProtocolErrorShowsCodeMessageAndData() throws Exception {
        ToolCaller.Failed failed = new ToolCaller.Failed("tools/call", -32602, "Unknown tool: nope",
                json("{\"error\":{\"code\":\"tool_not_found\"}}"));
        assertEquals(lines(
                "nope: ERROR -32602: Unknown tool: nope",
                "error data:",
                "{",
                "  \"error\": {",
                "    \"code\": \"tool_not_found\"",
                "  }",
                "}"), format.call("nope", failed));
        assertEquals("nope: ERROR -32600: Session already initialized (in initialize)",
                format.call("nope", new ToolCaller.Failed("initialize", -32600, "Session already initialized", null)));
    }

    @Test
    void callsThatDidNotEndWithAnAnswer() {
        assertEquals("lab__sleep: INTERRUPTED: the call was cancelled and its session closed",
                format.call("lab__sleep", new ToolCaller.Interrupted()));
        assertEquals("lab__sleep: TIMED OUT after 5 s: the call was cancelled and its session closed",
                format.call("lab__sleep", new ToolCaller.TimedOut(Duration.ofSeconds(5))));
        assertEquals("lab__sleep: TIMED OUT after 0.25 s: the call was cancelled and its session closed",
                format.call("lab__sleep", new ToolCaller.TimedOut(Duration.ofMillis(250))));
        assertEquals("lab__sleep: ERROR: the session was closed before the answer came (the MCP server or the "
                + "console is stopping)", format.call("lab__sleep", new ToolCaller.SessionClosed()));
    }
}
