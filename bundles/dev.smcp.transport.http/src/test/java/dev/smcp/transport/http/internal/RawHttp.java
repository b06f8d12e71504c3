package dev.smcp.transport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 on a plain socket, for what {@link java.net.http.HttpClient} will not send: any {@code Host} header, and a
 * body that arrives a little at a time.
 */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends the head, then the body in pieces with a pause after each, stopping early when the server closes, and
     * reads the whole answer.
     *
     * @return the status line and everything after it
     */
    static String exchange(int port, String head, byte[][] pieces, long pauseMillis) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            try {
                for (byte[] piece : pieces) {
                    out.write(piece);
                    out.flush();
                    Thread.sleep(pauseMillis);
                    if (in.available() > 0) {
                        break; // answered already
                    }
                }
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server closed the connection while the body was still coming: read its answer
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A request without body. */
    static String exchange(int port, String head) throws Exception {
        return exchange(port, head, new byte[0][], 0);
    }
}
