package dev.smcp.transport.stdio.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines ending with {@code \n} (a {@code \r} before it is dropped too), holding at most
 * {@code maxLineBytes} of one line in memory: the rest of a longer line is read and thrown away up to its end.
 * Not thread-safe: one reader thread.
 */
final class LineReader {

    /**
     * One line.
     *
     * @param text the line without its terminator, decoded as UTF-8 (invalid bytes become U+FFFD); {@code null}
     *            when the line was too long
     * @param bytes how many bytes the line had, without its terminator
     */
    record Line(String text, long bytes) {
        boolean tooLong() {
            return text == null;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[16 * 1024];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private boolean ended;

    /**
     * @param in the stream to read
     * @param maxLineBytes the longest line handed out, in bytes (at least 1)
     */
    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = Math.max(1, maxLineBytes);
    }

    /**
     * Reads the next line. A last line without a terminator counts as a line.
     *
     * @return the line, or {@code null} at the end of the stream
     * @throws IOException when reading fails
     */
    Line next() throws IOException {
        line.reset();
        long length = 0;
        byte last = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                if (ended || !fill()) {
                    return any ? finish(length, last) : null;
                }
            }
            any = true;
            int start = position;
            int newline = -1;
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            int count = end - start;
            if (length + count <= maxLineBytes + 1L) {
                // one byte more than the limit is kept: it may be the '\r' of a line of exactly maxLineBytes
                line.write(buffer, start, count);
            }
            length += count;
            if (count > 0) {
                last = buffer[end - 1];
            }
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return finish(length, last);
            }
        }
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer);
        if (read < 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }

    private Line finish(long length, byte last) {
        byte[] bytes = line.toByteArray();
        int size = bytes.length;
        long total = length;
        if (length > 0 && last == '\r') {
            total--;
            if (size == length) {
                size--;
            }
        }
        if (total > maxLineBytes) {
            return new Line(null, total);
        }
        return new Line(new String(bytes, 0, size, StandardCharsets.UTF_8), total);
    }
}
