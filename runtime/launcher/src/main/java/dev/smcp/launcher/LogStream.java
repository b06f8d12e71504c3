package dev.smcp.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The process's log output: every line written to it is redacted ({@link Redaction}) and then goes to the console
 * stream and, when there is one, to the rotating log file. A failing log file never breaks the console. Lines are
 * written whole: a partial line is held until its newline (or {@link #close()}), so that a secret split across two
 * writes is still recognised.
 */
final class LogStream extends OutputStream {

    private final PrintStream console;
    private final OutputStream file;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean fileFailed;

    /**
     * @param console where the console log goes (stderr)
     * @param file the log file, or {@code null} for the console only
     */
    LogStream(PrintStream console, OutputStream file) {
        this.console = console;
        this.file = file;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
    }

    @Override
    public synchronized void flush() {
        console.flush();
    }

    private void emit() {
        byte[] redacted = Redaction.redact(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        line.reset();
        console.write(redacted, 0, redacted.length);
        console.flush();
        if (file != null && !fileFailed) {
            try {
                file.write(redacted);
                file.flush();
            } catch (IOException e) {
                fileFailed = true;
                console.println("smcp: warning: log file no longer writable (" + e.getMessage()
                        + "); logging to the console only");
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            emit();
        }
        if (file != null) {
            file.close();
        }
    }
}
