package dev.smcp.transport.stdio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splitsOnNewlinesAndDropsCarriageReturns() throws IOException {
        assertEquals(List.of("a", "", "b", "c"), texts(read("a\n\nb\r\nc\n", 100)));
    }

    @Test
    void aLastLineWithoutNewlineCounts() throws IOException {
        assertEquals(List.of("one", "two"), texts(read("one\ntwo", 100)));
        assertEquals(List.of(), read("", 100));
    }

    @Test
    void aLineOverTheLimitIsSkippedToItsEndAndReadingGoesOn() throws IOException {
        List<LineReader.Line> lines = read("12345\n123456\n1234567\r\nok\n", 6);
        assertEquals("12345", lines.get(0).text());
        assertEquals("123456", lines.get(1).text());
        assertTrue(lines.get(2).tooLong());
        assertEquals(7, lines.get(2).bytes());
        assertEquals("ok", lines.get(3).text());
        assertEquals(4, lines.size());
    }

    @Test
    void aLineOfExactlyTheLimitFitsWithItsCarriageReturn() throws IOException {
        assertEquals(List.of("123456"), texts(read("123456\r\n", 6)));
    }

    @Test
    void linesLongerThanTheBufferAndSplitAcrossReadsAreWhole() throws IOException {
        String big = "é".repeat(50_000);
        InputStream trickle = new InputStream() {
            private final byte[] bytes = (big + "\n" + big + "\n").getBytes(StandardCharsets.UTF_8);
            private int position;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                // seven bytes at a time: multi-byte characters are cut between reads
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 7), bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
        LineReader reader = new LineReader(trickle, 200_000);
        assertEquals(big, reader.next().text());
        assertEquals(big, reader.next().text());
        assertNull(reader.next());
    }

    @Test
    void aLineFarOverTheLimitIsCountedAndSkipped() throws IOException {
        long size = 8L * 1024 * 1024;
        InputStream endless = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : (left == -1 ? '\n' : -1);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left < 0) {
                    return -1;
                }
                if (left == 0) {
                    left = -1;
                    b[off] = '\n';
                    return 1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        LineReader reader = new LineReader(endless, 1024);
        LineReader.Line line = reader.next();
        assertTrue(line.tooLong());
        assertEquals(size, line.bytes());
        assertNull(reader.next());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws IOException {
        byte[] bytes = { '{', (byte) 0xff, '}', '\n' };
        assertEquals("{\uFFFD}", new LineReader(new ByteArrayInputStream(bytes), 100).next().text());
    }

    private static List<LineReader.Line> read(String text, int max) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line; (line = reader.next()) != null;) {
            lines.add(line);
        }
        return lines;
    }

    private static List<String> texts(List<LineReader.Line> lines) {
        return lines.stream().map(LineReader.Line::text).toList();
    }
}
