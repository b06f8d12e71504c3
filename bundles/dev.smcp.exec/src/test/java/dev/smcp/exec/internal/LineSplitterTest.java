package dev.smcp.exec.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(lines::add);

    @Test
    void linesSplitAcrossChunksAndCrLfAreJoinedAndTrimmed() {
        feed("one\r\ntw");
        feed("o\n\nthr");
        feed("ée");
        splitter.finish();
        assertEquals(List.of("one", "two", "", "thrée"), lines);
    }

    @Test
    void longLinesAreCutAndTheirRestSkipped() {
        feed("x".repeat(LineSplitter.MAX_LINE_BYTES + 100) + "\nnext\n");
        assertEquals(2, lines.size());
        assertEquals(LineSplitter.MAX_LINE_BYTES, lines.get(0).length());
        assertEquals("next", lines.get(1));
    }

    @Test
    void aFailingListenerIsToldNoMore() {
        List<String> seen = new ArrayList<>();
        LineSplitter failing = new LineSplitter(line -> {
            seen.add(line);
            throw new IllegalStateException("boom");
        });
        byte[] bytes = "a\nb\n".getBytes(StandardCharsets.UTF_8);
        failing.accept(bytes, bytes.length);
        assertEquals(List.of("a"), seen);
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.accept(bytes, bytes.length);
    }
}
