package dev.smcp.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void secretValuesAreMaskedInTheUsualForms() {
        assertEquals("apiKey=*** port=8000", Redaction.redact("apiKey=hunter2 port=8000"));
        assertEquals("{\"password\": \"***\", \"user\": \"bob\"}",
                Redaction.redact("{\"password\": \"p\\\"w\", \"user\": \"bob\"}"));
        assertEquals("Authorization: Bearer ***", Redaction.redact("Authorization: Bearer abc.def"));
        assertEquals("LETTA_API_KEY=***, MCP_AUTH_TOKEN: ***", Redaction.redact("LETTA_API_KEY=sk-1, MCP_AUTH_TOKEN: t"));
        assertEquals("client_secret=***&x=1", Redaction.redact("client_secret=s3&x=1"));
    }

    @Test
    void otherTextIsLeftAlone() {
        String line = "2026-12-02 INFO tool demo_math__add session 1a2b3c4d ok in 12 ms";
        assertEquals(line, Redaction.redact(line));
        assertEquals("", Redaction.redact(""));
        assertFalse(Redaction.redact("token=abc").contains("abc"));
    }
}
