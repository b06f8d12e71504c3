package dev.smcp.transport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body with a cap, counting the bytes actually read.
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

    /**
     * Reads the whole body.
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
        }
    }
}
