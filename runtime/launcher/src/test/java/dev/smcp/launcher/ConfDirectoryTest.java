package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void cfgAndJsonFilesAreReadAndTyped() throws Exception {
        Files.writeString(dir.resolve("dev.smcp.plugins.cfg"),
                "# comment\nprobeParallelism = 2\nwatch=false\nwatchIgnore=*.log, *.tmp\ncallTimeoutSeconds=2.5\n");
        Files.writeString(dir.resolve("dev.smcp.protocol.json"), "{\"toolsPageSize\": 50, \"serverName\": \"x\"}");
        Files.writeString(dir.resolve("other.pid.json"), "{\"anything\": [\"a\"], \"n\": 3}");
        Files.writeString(dir.resolve("README.txt"), "not a configuration");

        Map<String, Map<String, Object>> all = new ConfDirectory(dir).load();

        assertEquals(List.of("dev.smcp.plugins", "dev.smcp.protocol", "other.pid"), List.copyOf(all.keySet()));
        Map<String, Object> plugins = all.get("dev.smcp.plugins");
        assertEquals(2, plugins.get("probeParallelism"));
        assertEquals(Boolean.FALSE, plugins.get("watch"));
        assertEquals(2.5, plugins.get("callTimeoutSeconds"));
        assertArrayEquals(new String[] { "*.log", "*.tmp" }, (String[]) plugins.get("watchIgnore"));
        assertEquals(50, all.get("dev.smcp.protocol").get("toolsPageSize"));
        assertArrayEquals(new String[] { "a" }, (String[]) all.get("other.pid").get("anything"));
        assertEquals(3L, all.get("other.pid").get("n"));
    }

    @Test
    void badValuesNameTheFileAndTheSetting() throws Exception {
        Path file = dir.resolve("dev.smcp.transport.http.cfg");
        Files.writeString(file, "maxSessions=lots\n");
        String message = assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains("maxSessions") && message.contains("'lots'"), message);

        Files.writeString(file, "keepAliveSeconds=-1\n");
        assertTrue(assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage().contains("keepAliveSeconds: expected a whole number from 0"));
    }

    @Test
    void malformedJsonAndUnsupportedTypesAreReported() throws Exception {
        Files.writeString(dir.resolve("dev.smcp.exec.json"), "{\"maxConcurrent\": 4,\n \"maxQueued\": }");
        String message = assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage();
        assertTrue(message.contains("dev.smcp.exec.json: not valid JSON") && message.contains("line 2"), message);

        Files.writeString(dir.resolve("dev.smcp.exec.json"), "{\"nested\": {\"a\": 1}}");
        assertTrue(assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage().contains("nested: unsupported value type"));

        Files.writeString(dir.resolve("dev.smcp.exec.json"), "[1]");
        assertTrue(assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage().contains("expected one JSON object"));
    }

    @Test
    void twoFilesForOnePidAreRefused() throws Exception {
        Files.writeString(dir.resolve("dev.smcp.exec.json"), "{}");
        Files.writeString(dir.resolve("dev.smcp.exec.cfg"), "");
        assertTrue(assertThrows(ConfDirectory.ConfException.class, () -> new ConfDirectory(dir).load())
                .getMessage().contains("configures the same PID"));
    }

    @Test
    void aMissingDirectoryIsEmpty() throws Exception {
        assertTrue(new ConfDirectory(dir.resolve("absent")).load().isEmpty());
    }

    @Test
    void theWatcherAppliesAnEditAndKeepsTheOldConfigurationOnABadOne() throws Exception {
        Path file = dir.resolve("dev.smcp.protocol.cfg");
        Files.writeString(file, "toolsPageSize=10\n");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        List<Map<String, Object>> applied = new java.util.ArrayList<>();
        ConfWatcher watcher = new ConfWatcher(new ConfDirectory(dir), new java.io.PrintStream(log, true),
                (pid, properties) -> applied.add(properties));

        Files.writeString(file, "toolsPageSize=twenty\n");
        watcher.look(true);
        assertTrue(applied.isEmpty());
        assertTrue(log.toString().contains("ERROR: " + file + ": dev.smcp.protocol toolsPageSize: expected a whole"
                + " number, got 'twenty'; the previous configuration of dev.smcp.protocol stays in effect"),
                log.toString());

        Files.writeString(file, "toolsPageSize=20\n");
        watcher.look(true);
        assertEquals(List.of(Map.of("toolsPageSize", 20)), applied);

        Files.delete(file);
        watcher.look(true);
        assertEquals(Map.of(), applied.get(1));
    }
}
