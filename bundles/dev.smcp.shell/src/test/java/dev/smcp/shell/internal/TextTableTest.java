package dev.smcp.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsTwoSpacesApartWithoutTrailingSpace() {
        String table = TextTable.withHeaders("NAME", "N", "NOTE").rightAligned(1)
                .row("a", 1, "first")
                .row("longer name", 100, null)
                .render();
        assertEquals(String.join("\n",
                "NAME           N  NOTE",
                "a              1  first",
                "longer name  100  -"), table);
    }

    @Test
    void cellsAreShownOnOneLine() {
        String table = TextTable.withHeaders("A", "B").row("x\ny", "\u001b[2J").render();
        assertEquals("A      B\nx ...  ?[2J", table);
    }

    @Test
    void headersAloneWhenThereAreNoRows() {
        TextTable table = TextTable.withHeaders("A", "B");
        assertTrue(table.isEmpty());
        assertEquals("A  B", table.render());
        assertFalse(table.row("1", "2").isEmpty());
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> TextTable.withHeaders("A", "B").row("1"));
    }
}
