package dev.smcp.transport.http.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket SSE client: sends one GET, parses the head, de-chunks the body and splits it into frames. Raw, so
 * that a test decides exactly when it reads and when it hangs up.
 */
final class SseTestClient implements AutoCloseable {

    final Socket socket;
    final int status;
    final Map<String, String> headers = new HashMap<>();
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean ended;

    SseTestClient(int port, String path) throws IOException {
        this(port, path, -1);
    }

    /**
     * @param receiveBuffer the socket receive buffer size, or -1 for the default
     */
    SseTestClient(int port, String path, int receiveBuffer) throws IOException {
        this(port, path, receiveBuffer, "");
    }

    /**
     * @param receiveBuffer the socket receive buffer size, or -1 for the default
     * @param extraHeaders more request header lines, each ending in CRLF
     */
    SseTestClient(int port, String path, int receiveBuffer, String extraHeaders) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(15_000);
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n" + extraHeaders
                        + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
        String statusLine = readLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    /** @return the next frame, terminating blank line included, or {@code null} at the end of the stream */
    String nextFrame() throws IOException {
        while (true) {
            String buffered = pending.toString(StandardCharsets.UTF_8);
            int end = buffered.indexOf("\r\n\r\n");
            if (end >= 0) {
                String frame = buffered.substring(0, end + 4);
                byte[] rest = buffered.substring(end + 4).getBytes(StandardCharsets.UTF_8);
                pending.reset();
                pending.write(rest);
                return frame;
            }
            if (!readChunk()) {
                return null;
            }
        }
    }

    /** @return the next frame that is not a comment */
    String nextEvent() throws IOException {
        String frame;
        do {
            frame = nextFrame();
        } while (frame != null && frame.startsWith(":"));
        return frame;
    }

    /**
     * Reads until the server ends the stream.
     *
     * @return whether it ended (cleanly, or by a reset)
     */
    boolean awaitEnd() {
        try {
            while (readChunk()) {
                pending.reset();
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private boolean readChunk() throws IOException {
        if (ended) {
            return false;
        }
        String sizeLine = readLine();
        if (sizeLine.isEmpty()) {
            // the CRLF ending the previous chunk's data; Jetty sends it with the next chunk
            sizeLine = readLine();
        }
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            ended = true;
            return false;
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            throw new IOException("stream cut");
        }
        pending.write(chunk);
        return true;
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
