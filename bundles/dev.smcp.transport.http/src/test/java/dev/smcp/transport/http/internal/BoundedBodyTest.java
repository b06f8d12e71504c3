package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Test
    void readsABodyUpToTheCap() throws IOException {
        byte[] body = bytes(100_000);
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), -1, 100_000));
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), 100_000, 100_000));
    }

    @Test
    void readsAnEmptyBody() throws IOException {
        assertEquals(0, BoundedBody.read(new ByteArrayInputStream(new byte[0]), 0, 10).length);
    }

    @Test
    void refusesADeclaredLengthOverTheCapWithoutReading() {
        InputStream never = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read");
            }
        };
        assertThrows(BoundedBody.TooLargeException.class, () -> BoundedBody.read(never, 11, 10));
    }

    @Test
    void countsBytesInsteadOfTrustingContentLength() {
        assertThrows(BoundedBody.TooLargeException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(bytes(11)), 5, 10));
        assertThrows(BoundedBody.TooLargeException.class,
                () -> BoundedBody.read(new ByteArrayInputStream(bytes(100_000)), -1, 10));
    }

    @Test
    void readsAtMostOneByteBeyondTheCap() {
        CountingStream in = new CountingStream(1_000_000);
        assertThrows(BoundedBody.TooLargeException.class, () -> BoundedBody.read(in, -1, 10_000));
        assertEquals(10_001, in.served);
    }

    /** An endless body that counts what was read. */
    private static final class CountingStream extends InputStream {
        private final long size;
        long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served == size) {
                return -1;
            }
            served++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = (int) Math.min(len, size - served);
            if (n <= 0) {
                return -1;
            }
            served += n;
            return n;
        }
    }
}
