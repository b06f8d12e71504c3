package dev.smcp.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void oneLineKeepsShortTextAndShowsNullAndBlankAsNone() {
        assertEquals("plugin failed", Text.oneLine("plugin failed", 60));
        assertEquals("-", Text.oneLine(null, 60));
        assertEquals("-", Text.oneLine(" \n\t ", 60));
    }

    @Test
    void oneLineTakesTheFirstLineAndMarksTheRest() {
        assertEquals("Traceback (most recent call last): ...",
                Text.oneLine("\n  Traceback (most recent call last):\n  File \"cli.py\"\nKeyError: 'x'", 60));
    }

    @Test
    void oneLineShortensLongTextToTheLimit() {
        String shortened = Text.oneLine("word ".repeat(40), 20);
        assertEquals("word word word wo...", shortened);
        assertEquals(20, shortened.length());
        String withMore = Text.oneLine("0123456789012345678\nsecond", 20);
        assertEquals("01234567890123456...", withMore);
    }

    @Test
    void oneLineCollapsesWhiteSpaceAndRemovesControlCharacters() {
        assertEquals("a b ?[31mred", Text.oneLine("a \t b \u001b[31mred", 60));
        assertEquals("evil?txt", Text.oneLine("evil\u202etxt", 60));
    }

    @Test
    void multiLineKeepsLineBreaksOnly() {
        assertEquals("one\ntwo\nthree ?", Text.multiLine("one\r\ntwo\rthree\t\u0007"));
        assertEquals("-", Text.multiLine(null));
    }

    @Test
    void indentFollowingIndentsEveryLineButTheFirst() {
        assertEquals("a\n   b\n   c", Text.indentFollowing("a\nb\nc", 3));
    }
}
