package dev.smcp.transport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body with a cap on its size, counting the bytes actually read, and on the time it takes, so that a
 * client sending its body a few bytes at a time (slowloris) cannot hold a request thread for long. Each read is also
 * bounded by the HTTP server's idle timeout.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /** The body is larger than allowed. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    /** The body came in too slowly. */
    static final class TooSlowException extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlowException(long seconds) {
            super("request body not received within " + seconds + " s");
        }
    }

    /**
     * Reads the whole body, without a time limit.
     *
     * @param in the body
     * @param declaredLength the Content-Length, or {@code -1} when unknown; a declared length over the cap fails
     *            at once, a smaller one is not relied on
     * @param maxBytes the most bytes accepted
     * @return the body
     * @throws TooLargeException if the body has (or declares) more than {@code maxBytes} bytes; the rest is not read
     * @throws IOException if reading fails
     */
    static byte[] read(InputStream in, long declaredLength, int maxBytes) throws IOException {
        return read(in, declaredLength, maxBytes, 0);
    }

    /**
     * Reads the whole body within a time limit.
     *
     * @param timeoutSeconds how long reading may take, {@code 0} for no limit
     * @throws TooSlowException if the body is not complete after {@code timeoutSeconds}; the rest is not read
     * @see #read(InputStream, long, int)
     */
    static byte[] read(InputStream in, long declaredLength, int maxBytes, int timeoutSeconds) throws IOException {
        long start = System.nanoTime();
        long limitNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        if (declaredLength > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        int expected = declaredLength > 0 ? (int) declaredLength : 0;
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.min(Math.max(expected, 256), 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        while (true) {
            // read at most one byte beyond the cap: enough to tell that the body is too large
            int want = (int) Math.min(buffer.length, maxBytes + 1L - total);
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                return body.toByteArray();
            }
            total += n;
            if (total > maxBytes) {
                throw new TooLargeException(maxBytes);
            }
            body.write(buffer, 0, n);
            if (limitNanos > 0 && System.nanoTime() - start > limitNanos) {
                throw new TooSlowException(timeoutSeconds);
            }
        }
    }

    /**
     * @return the body decoded as UTF-8
     * @throws CharacterCodingException if it is not valid UTF-8 (it is refused rather than repaired)
     */
    static String utf8(byte[] body) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    }
}
