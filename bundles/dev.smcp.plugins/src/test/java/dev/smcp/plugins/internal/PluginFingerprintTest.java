package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginFingerprintTest {

    private final PluginFingerprint fingerprint = new PluginFingerprint(List.of("*.log", "data"));

    @TempDir
    Path base;
    private Path plugin;

    @BeforeEach
    void plugin() throws IOException {
        plugin = Files.createDirectories(base.resolve("demo"));
        Files.writeString(plugin.resolve("cli.py"), "print('hi')\n");
        Files.createDirectories(plugin.resolve("lib"));
        Files.writeString(plugin.resolve("lib/helper.py"), "X = 1\n");
    }

    @Test
    void sameFilesSameFingerprint() {
        assertEquals(fingerprint.of(plugin), fingerprint.of(plugin));
    }

    @Test
    void contentSizeTimeAddedAndRemovedFilesAreChanges() throws IOException {
        String first = fingerprint.of(plugin);
        Files.writeString(plugin.resolve("lib/helper.py"), "X = 22\n");
        String grown = fingerprint.of(plugin);
        assertNotEquals(first, grown);

        Files.setLastModifiedTime(plugin.resolve("cli.py"), FileTime.fromMillis(1_000_000));
        String touched = fingerprint.of(plugin);
        assertNotEquals(grown, touched);

        Files.writeString(plugin.resolve("README.md"), "hi\n");
        String added = fingerprint.of(plugin);
        assertNotEquals(touched, added);

        Files.delete(plugin.resolve("README.md"));
        assertEquals(touched, fingerprint.of(plugin));
    }

    @Test
    void executableBitIsAChange() throws IOException {
        Path cli = Files.writeString(plugin.resolve("cli"), "#!/bin/sh\n");
        String plain = fingerprint.of(plugin);
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertNotEquals(plain, fingerprint.of(plugin));
    }

    @Test
    void hiddenPycacheAndIgnoredNamesDoNotCount() throws IOException {
        String first = fingerprint.of(plugin);
        Files.writeString(plugin.resolve(".state"), "1");
        Files.createDirectories(plugin.resolve("__pycache__"));
        Files.writeString(plugin.resolve("__pycache__/cli.cpython-311.pyc"), "x");
        Files.writeString(plugin.resolve("calls.log"), "called\n");
        Files.createDirectories(plugin.resolve("data"));
        Files.writeString(plugin.resolve("data/rows.csv"), "a,b\n");
        assertEquals(first, fingerprint.of(plugin));
        assertTrue(fingerprint.isIgnored(Path.of("__pycache__")));
        assertTrue(fingerprint.isIgnored(Path.of("x.log")));
    }

    @Test
    void retargetingALinkIsAChange() throws IOException {
        Path other = Files.createDirectories(base.resolve("other"));
        Files.writeString(other.resolve("cli.py"), "print('hi')\n");
        Path link = Files.createSymbolicLink(base.resolve("linked"), plugin);
        String before = fingerprint.of(link);
        assertNotNull(before);
        Files.delete(link);
        Files.createSymbolicLink(link, other);
        assertNotEquals(before, fingerprint.of(link));
    }

    @Test
    void jarsAreFingerprintedBySizeAndTime() throws IOException {
        Path jar = Files.write(base.resolve("tools.jar"), new byte[] {1, 2, 3});
        String first = fingerprint.of(jar);
        Files.write(jar, new byte[] {1, 2, 3, 4});
        assertNotEquals(first, fingerprint.of(jar));
    }

    @Test
    void goneEntriesHaveNone() throws IOException {
        assertNull(fingerprint.of(base.resolve("missing")));
        Path dangling = Files.createSymbolicLink(base.resolve("dangling"), base.resolve("nowhere"));
        assertNull(fingerprint.of(dangling));
    }

    @Test
    void invalidIgnorePatternsAreLeftOut() {
        PluginFingerprint lenient = new PluginFingerprint(List.of("[", " ", "*.log"));
        assertTrue(lenient.isIgnored(Path.of("a.log")));
        assertEquals(lenient.of(plugin), lenient.of(plugin));
    }
}
