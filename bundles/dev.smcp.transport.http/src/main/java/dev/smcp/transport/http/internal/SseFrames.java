package dev.smcp.transport.http.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Server-sent event framing as upstream writes it: UTF-8, lines ending in CRLF, an empty line after each event.
 */
final class SseFrames {

    /** A bare comment: ignored by clients, written only to find out whether the client is still there. */
    static final byte[] PROBE = ":\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final String CRLF = "\r\n";

    private SseFrames() {
    }

    /**
     * @param uri where the client posts its messages
     * @return the {@code endpoint} event
     */
    static byte[] endpoint(String uri) {
        return event(null, "endpoint", uri);
    }

    /**
     * @param json one JSON-RPC message
     * @return the {@code message} event carrying it
     */
    static byte[] message(String json) {
        return event(null, "message", json);
    }

    /**
     * @param id the event id, for {@code Last-Event-ID} on reconnection
     * @param json one JSON-RPC message
     * @return the {@code message} event carrying it, with its id
     */
    static byte[] message(long id, String json) {
        return event(Long.toString(id), "message", json);
    }

    /**
     * @param now the current time
     * @return a keep-alive comment, e.g. {@code : ping - 2026-11-24T01:21:04.982584Z}
     */
    static byte[] ping(Instant now) {
        return (": ping - " + now + CRLF + CRLF).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String id, String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + name.length() + 48);
        if (id != null) {
            frame.append("id: ").append(id).append(CRLF);
        }
        frame.append("event: ").append(name).append(CRLF);
        // compact JSON has no line breaks; should one slip through, each line gets its own data field
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                frame.append("data: ").append(data, start, i).append(CRLF);
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        frame.append("data: ").append(data, start, data.length()).append(CRLF).append(CRLF);
        return frame.toString().getBytes(StandardCharsets.UTF_8);
    }
}
