package dev.smcp.exec.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a byte stream into lines (LF, with a CR before it dropped) decoded as UTF-8, and hands each to a listener on
 * the reading thread. A line longer than {@link #MAX_LINE_BYTES} is handed on cut at that length, and the rest of it
 * is skipped. A listener that throws is logged and not told of further lines. Used by one thread at a time.
 */
final class LineSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(LineSplitter.class);

    /** The longest line handed on, in bytes. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    private final Consumer<String> listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean skipping;
    private boolean failed;

    LineSplitter(Consumer<String> listener) {
        this.listener = listener;
    }

    void accept(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!skipping) {
                    emit();
                }
                skipping = false;
                line.reset();
            } else if (!skipping) {
                line.write(b);
                if (line.size() >= MAX_LINE_BYTES) {
                    emit();
                    line.reset();
                    skipping = true;
                }
            }
        }
    }

    /** Hands on a last line without a line break. */
    void finish() {
        if (!skipping && line.size() > 0) {
            emit();
        }
        line.reset();
    }

    private void emit() {
        if (failed) {
            return;
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            listener.accept(new String(bytes, 0, end, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("A standard error line listener failed; it gets no more lines", e);
        }
    }
}
