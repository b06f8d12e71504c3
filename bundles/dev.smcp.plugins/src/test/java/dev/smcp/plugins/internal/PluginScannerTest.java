package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginScannerTest {

    private Path root;
    private Path elsewhere;

    @BeforeEach
    void directories(@TempDir Path base) throws IOException {
        root = Files.createDirectories(base.resolve("plugins"));
        elsewhere = Files.createDirectories(base.resolve("elsewhere"));
    }

    @Test
    void findsPythonAndExecutablePluginsSortedByName() throws IOException {
        pythonPlugin("zeta");
        pythonPlugin("alpha");
        executablePlugin("mid");
        pythonPlugin("Beta"); // upper case sorts first

        assertEquals(List.of("Beta", "alpha", "mid", "zeta"), names(PluginScanner.scan(root)));
    }

    @Test
    void returnsEntriesUnderTheRootWithoutResolvingLinks() throws IOException {
        Path target = Files.createDirectories(elsewhere.resolve("real"));
        Files.writeString(target.resolve("cli.py"), "print('hi')\n");
        symlink(root.resolve("linked"), target);

        assertEquals(List.of(root.resolve("linked")), PluginScanner.scan(root));
    }

    @Test
    void skipsHiddenPycacheFilesEmptyAndCliLessDirectories() throws IOException {
        pythonPlugin(".hidden");
        pythonPlugin("__pycache__");
        Files.writeString(root.resolve("cli.py"), "a file, not a plugin\n");
        Files.writeString(root.resolve("notes.txt"), "x\n");
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(Files.createDirectories(root.resolve("other")).resolve("main.py"), "x\n");
        Files.createDirectories(root.resolve("dirnamedcli").resolve("cli.py")); // cli.py is a directory
        pythonPlugin("real");

        assertEquals(List.of("real"), names(PluginScanner.scan(root)));
    }

    @Test
    void anExecutableCliMustBeExecutable() throws IOException {
        Path dir = Files.createDirectories(root.resolve("plain"));
        Path cli = Files.writeString(dir.resolve("cli"), "#!/bin/sh\n");
        assumeTrue(setExecutable(cli, false), "POSIX permissions needed");
        assumeTrue(!Files.isExecutable(cli), "running as a user who can execute anything");

        assertEquals(List.of(), PluginScanner.scan(root));
        assertNull(PluginScanner.cliOf(dir));
    }

    @Test
    void followsSymlinkedDirectoriesAndSymlinkedCliFiles() throws IOException {
        Path target = Files.createDirectories(elsewhere.resolve("target"));
        Files.writeString(target.resolve("cli.py"), "x\n");
        symlink(root.resolve("linkeddir"), target);

        Path realCli = Files.writeString(elsewhere.resolve("shared_cli.py"), "x\n");
        Path filelink = Files.createDirectories(root.resolve("filelink"));
        symlink(filelink.resolve("cli.py"), realCli);

        assertEquals(List.of("filelink", "linkeddir"), names(PluginScanner.scan(root)));
    }

    @Test
    void skipsBrokenSymlinks() throws IOException {
        symlink(root.resolve("broken"), elsewhere.resolve("does-not-exist"));
        Path dir = Files.createDirectories(root.resolve("brokencli"));
        symlink(dir.resolve("cli.py"), elsewhere.resolve("missing.py"));
        pythonPlugin("ok");

        assertEquals(List.of("ok"), names(PluginScanner.scan(root)));
    }

    @Test
    void keepsInvalidNamesSoTheyCanBeReported() throws IOException {
        pythonPlugin("bad name");
        pythonPlugin("my__plugin");
        pythonPlugin("good");

        assertEquals(List.of("bad name", "good", "my__plugin"), names(PluginScanner.scan(root)));
    }

    @Test
    void aMissingRootIsAnError() {
        assertThrows(IOException.class, () -> PluginScanner.scan(root.resolve("missing")));
    }

    @Test
    void cliOfPrefersCliPy() throws IOException {
        Path dir = pythonPlugin("both");
        Path cli = Files.writeString(dir.resolve("cli"), "#!/bin/sh\n");
        setExecutable(cli, true);

        assertEquals(dir.resolve("cli.py"), PluginScanner.cliOf(dir));
        assertTrue(PluginScanner.isPluginDirectory(dir));
        assertFalse(PluginScanner.isPluginDirectory(dir.resolve("cli.py")));
    }

    @Test
    void skippedNames() {
        assertTrue(PluginScanner.isSkipped(".git"));
        assertTrue(PluginScanner.isSkipped("__pycache__"));
        assertFalse(PluginScanner.isSkipped("_private"));
        assertFalse(PluginScanner.isSkipped("demo_math"));
    }

    private Path pythonPlugin(String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("cli.py"), "print('hi')\n");
        return dir;
    }

    private Path executablePlugin(String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Path cli = Files.writeString(dir.resolve("cli"), "#!/bin/sh\necho '{}'\n");
        assumeTrue(setExecutable(cli, true), "POSIX permissions needed");
        return dir;
    }

    private static boolean setExecutable(Path file, boolean executable) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            assumeTrue(false, "symbolic links not supported here: " + e);
        }
    }

    private static List<String> names(List<Path> plugins) {
        return plugins.stream().map(p -> p.getFileName().toString()).toList();
    }
}
