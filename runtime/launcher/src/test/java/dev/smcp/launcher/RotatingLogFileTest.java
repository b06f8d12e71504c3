package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogFileTest {

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeAndKeepsTheConfiguredNumberOfOldFiles() throws Exception {
        try (RotatingLogFile file = new RotatingLogFile(dir.resolve("logs"), 100, 2)) {
            for (int i = 0; i < 10; i++) {
                file.write(String.format("line %02d %s%n", i, "x".repeat(30)).getBytes(StandardCharsets.UTF_8));
            }
        }
        Path logs = dir.resolve("logs");
        String current = Files.readString(logs.resolve("smcp.log"));
        String first = Files.readString(logs.resolve("smcp.log.1"));
        String second = Files.readString(logs.resolve("smcp.log.2"));
        assertFalse(Files.exists(logs.resolve("smcp.log.3")));
        assertTrue(current.contains("line 09"), current);
        assertTrue(first.contains("line 06") && first.contains("line 07"), first);
        assertTrue(second.contains("line 04") && second.contains("line 05"), second);
        for (String content : new String[] { current, first, second }) {
            assertTrue(content.length() <= 100, "at most maxBytes: " + content.length());
            assertTrue(content.endsWith("\n"), "whole lines only");
        }
    }

    @Test
    void theLogStreamRedactsWhatReachesTheConsoleAndTheFile() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RotatingLogFile file = new RotatingLogFile(dir, RotatingLogFile.DEFAULT_MAX_BYTES, 5);
        try (PrintStream log = new PrintStream(new LogStream(new PrintStream(console, true), file), true)) {
            log.print("started with apiKey=sec");
            log.println("ret and port 8000");
            log.println("second line");
        }
        String written = Files.readString(dir.resolve("smcp.log"));
        assertEquals("started with apiKey=*** and port 8000\nsecond line\n".replace("\n", System.lineSeparator()),
                written);
        assertEquals(written, console.toString(StandardCharsets.UTF_8));
    }
}
