package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfSchemaTest {

    @Test
    void securityAndPromptYoSelfAttributesAreTyped() {
        assertArrayEquals(new String[] { "a", "b" },
                (String[]) ConfSchema.convert(SecuritySettings.PID, "apiKeys", "a, b"));
        assertArrayEquals(new String[] { "https://app.example" },
                (String[]) ConfSchema.convert(SecuritySettings.PID, "allowedOrigins", List.of("https://app.example")));
        assertEquals(Boolean.FALSE, ConfSchema.convert(SecuritySettings.PID, "allowLoopback", "off"));
        assertEquals("expected true or false, got 'maybe'", assertThrows(IllegalArgumentException.class,
                () -> ConfSchema.convert(SecuritySettings.PID, "authDisabled", "maybe")).getMessage());
        assertEquals(10, ConfSchema.convert("dev.smcp.plugin.promptyoself", "pollSeconds", "10"));
        assertEquals("expected a whole number, got 'often'", assertThrows(IllegalArgumentException.class,
                () -> ConfSchema.convert("dev.smcp.plugin.promptyoself", "pollSeconds", "often")).getMessage());
        assertEquals(1800, ConfSchema.convert("dev.smcp.transport.http.streamable", "sessionIdleSeconds", 1800L));
    }
}
