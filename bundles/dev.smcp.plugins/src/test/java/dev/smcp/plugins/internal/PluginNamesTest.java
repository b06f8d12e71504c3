package dev.smcp.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class PluginNamesTest {

    /** A bundle symbolic name: dot-separated tokens of [A-Za-z0-9_-]. */
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    @Test
    void validNamesAreKept() {
        assertEquals("smcp.plugin.demo_math", PluginNames.symbolicName("demo_math"));
        assertEquals("smcp.plugin.Text-Tools-2", PluginNames.symbolicName("Text-Tools-2"));
    }

    @Test
    void invalidCharactersAreReplacedAndAHashKeepsNamesApart() {
        String spaced = PluginNames.symbolicName("my plugin");
        String underscored = PluginNames.symbolicName("my_plugin");
        String dotted = PluginNames.symbolicName("my.plugin");

        assertTrue(spaced.startsWith("smcp.plugin.my_plugin-"), spaced);
        assertEquals("smcp.plugin.my_plugin", underscored);
        assertNotEquals(spaced, underscored);
        assertNotEquals(spaced, dotted);
        for (String name : new String[] { spaced, dotted, PluginNames.symbolicName("é"),
                PluginNames.symbolicName("a\nb"), PluginNames.symbolicName("") }) {
            assertTrue(SYMBOLIC_NAME.matcher(name).matches(), name);
        }
    }

    @Test
    void symbolicNamesAreStable() {
        assertEquals(PluginNames.symbolicName("x y"), PluginNames.symbolicName("x y"));
    }

    @Test
    void shortHashIsLowercaseHexOfTheRequestedLength() {
        String hash = PluginNames.shortHash("abc".getBytes(StandardCharsets.UTF_8), 12);
        assertEquals("ba7816bf8f01", hash); // SHA-256("abc") starts with ba7816bf8f01cfea
    }

    @Test
    void printableMasksControlCharacters() {
        assertEquals("a?b", PluginNames.printable("a\nb"));
    }
}
