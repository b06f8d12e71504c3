package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SseFramesTest {

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    @Test
    void endpointEventUsesCrlf() {
        assertEquals("event: endpoint\r\ndata: /messages/?session_id=0123456789abcdef0123456789abcdef\r\n\r\n",
                text(SseFrames.endpoint("/messages/?session_id=0123456789abcdef0123456789abcdef")));
    }

    @Test
    void messageEventCarriesTheJsonAsIs() {
        assertEquals("event: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"é✓\"}}\r\n\r\n",
                text(SseFrames.message("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"t\":\"é✓\"}}")));
    }

    @Test
    void aMessageWithAnIdStartsWithIt() {
        assertEquals("id: 42\r\nevent: message\r\ndata: {}\r\n\r\n", text(SseFrames.message(42, "{}")));
    }

    @Test
    void messageIsEncodedAsUtf8() {
        byte[] frame = SseFrames.message("\"é\"");
        assertEquals("event: message\r\ndata: \"é\"\r\n\r\n".getBytes(StandardCharsets.UTF_8).length, frame.length);
    }

    @Test
    void lineBreaksInDataBecomeSeveralDataFields() {
        assertEquals("event: message\r\ndata: a\r\ndata: b\r\ndata: c\r\ndata: \r\ndata: d\r\n\r\n",
                text(SseFrames.message("a\nb\r\nc\r\rd")));
    }

    @Test
    void emptyDataStillMakesAnEvent() {
        assertEquals("event: message\r\ndata: \r\n\r\n", text(SseFrames.message("")));
    }

    @Test
    void pingIsACommentWithAnIsoUtcTimestamp() {
        assertEquals(": ping - 2026-11-24T01:21:04.982584Z\r\n\r\n",
                text(SseFrames.ping(Instant.parse("2026-11-24T01:21:04.982584Z"))));
        assertTrue(text(SseFrames.ping(Instant.now())).matches(": ping - \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\r\n\r\n"));
    }

    @Test
    void probeIsABareComment() {
        assertEquals(":\r\n\r\n", text(SseFrames.PROBE));
    }
}
