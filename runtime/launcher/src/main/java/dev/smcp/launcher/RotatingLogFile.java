package dev.smcp.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that is rotated by size: when a write would take {@code name} past {@code maxBytes}, it becomes
 * {@code name.1} ({@code name.1} becomes {@code name.2}, and so on; the oldest of {@code backups} is deleted) and a
 * new {@code name} is started. Whole writes are never split across files. Thread-safe.
 */
final class RotatingLogFile extends OutputStream {

    static final String NAME = "smcp.log";
    static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int DEFAULT_BACKUPS = 5;

    private final Path file;
    private final long maxBytes;
    private final int backups;
    private OutputStream out;
    private long size;

    /**
     * @param directory the log directory, created if missing
     * @param maxBytes the size a file may reach before it is rotated
     * @param backups how many rotated files are kept
     * @throws IOException when the directory or the file cannot be created
     */
    RotatingLogFile(Path directory, long maxBytes, int backups) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve(NAME);
        this.maxBytes = maxBytes;
        this.backups = backups;
        open();
    }

    Path file() {
        return file;
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (size > 0 && size + length > maxBytes) {
            rotate();
        }
        out.write(bytes, offset, length);
        size += length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(backup(backups));
        for (int i = backups - 1; i >= 1; i--) {
            if (Files.exists(backup(i))) {
                Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (backups > 0) {
            Files.move(file, backup(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    private Path backup(int index) {
        return file.resolveSibling(NAME + "." + index);
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
