package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Path CWD = Path.of("/srv/smcp");

    private static LaunchOptions parse(Map<String, String> env, String... args) throws LaunchOptions.UsageException {
        return LaunchOptions.parse(args, env, CWD);
    }

    @Test
    void withoutStdioHttpIsServedAndTheConsoleFollowsTheTerminal() throws Exception {
        LaunchOptions options = parse(Map.of());
        assertFalse(options.stdio());
        assertTrue(options.http());
        assertEquals(null, options.console());
    }

    @Test
    void stdioServesNoHttpAndNoConsole() throws Exception {
        LaunchOptions options = parse(Map.of(), "--stdio", "--plugins-dir", "p");
        assertTrue(options.stdio());
        assertFalse(options.http());
        assertEquals(Boolean.FALSE, options.console());
        assertEquals(Path.of("/srv/smcp/p"), options.pluginsDirectory());
    }

    @Test
    void stdioIgnoresTheBindVariablesOfTheEnvironment() throws Exception {
        LaunchOptions options = parse(Map.of("MCP_PORT", "9000", "MCP_HOST", "0.0.0.0"), "--stdio");
        assertFalse(options.http());
    }

    @Test
    void stdioWithHttpServesBoth() throws Exception {
        LaunchOptions options = parse(Map.of(), "--stdio", "--http", "--port", "9000");
        assertTrue(options.stdio());
        assertTrue(options.http());
        assertEquals(9000, options.port());
    }

    @Test
    void contradictoryFlagsAreUsageErrors() {
        for (String[] args : new String[][] { { "--stdio", "--console" }, { "--http" }, { "--stdio", "--port", "1" },
                { "--stdio", "--host=127.0.0.2" }, { "--stdio", "--allow-external" }, { "--stdio=yes" } }) {
            assertThrows(LaunchOptions.UsageException.class, () -> parse(Map.of(), args), String.join(" ", args));
        }
    }

    @Test
    void theUsageNamesTheStdioFlags() {
        assertTrue(LaunchOptions.USAGE.contains("--stdio") && LaunchOptions.USAGE.contains("--http"));
    }
}
