package dev.smcp.transport.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Short plain-text answers, as upstream sends them ({@code text/plain; charset=utf-8}).
 */
final class PlainText {

    /** The {@code Retry-After} value sent with 503 when a session cap is reached. */
    static final String RETRY_AFTER_SECONDS = "5";

    private PlainText() {
    }

    /**
     * Answers a request whose body is left unread. The connection is closed after the answer: a client still
     * sending that body must not reuse it for its next request.
     */
    static void reject(HttpServletRequest req, HttpServletResponse resp, int status, String body) throws IOException {
        closeAfterAnswer(req, resp);
        send(resp, status, body);
    }

    /**
     * Closes the connection after the answer when the request has a body that is left unread: a client still sending
     * it must not reuse the connection for its next request.
     */
    static void closeAfterAnswer(HttpServletRequest req, HttpServletResponse resp) {
        if (req.getContentLengthLong() != 0) {
            resp.setHeader("Connection", "close");
        }
    }

    static void send(HttpServletResponse resp, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
