package dev.smcp.transport.stdio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.smcp.transport.stdio.internal.FakeSessionManager.FakeSession;

class StdioConnectionTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private final FakeSessionManager sessions = new FakeSessionManager();
    private final TestStreams.Input in = new TestStreams.Input();
    private final TestStreams.Output out = new TestStreams.Output();
    private final CountDownLatch ended = new CountDownLatch(1);
    private StdioConnection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.stop();
        }
    }

    private FakeSession start(int maxLineBytes, long maxQueuedBytes) {
        connection = new StdioConnection(in, out, maxLineBytes, maxQueuedBytes, ended::countDown);
        connection.start(sessions);
        FakeSession session = sessions.only();
        assertEquals("stdio", session.transport);
        return session;
    }

    private FakeSession start() {
        return start(1024, 1024 * 1024);
    }

    @Test
    void eachLineIsOneMessageAndEachReplyOneLine() throws Exception {
        FakeSession session = start();
        in.feed(PING + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\r\n");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}"),
                out.await(2));
        assertEquals(List.of(PING, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}"), session.received);
        assertTrue(out.awaitFlush() > 0);
    }

    @Test
    void aMalformedLineIsAnsweredWithAParseErrorWithIdNullAndTheSessionGoesOn() throws Exception {
        FakeSession session = start();
        in.feed("not json\n" + PING + "\n");
        List<String> lines = out.await(2);
        assertEquals(FakeSession.PARSE_ERROR, lines.get(0));
        assertTrue(lines.get(0).contains("\"id\":null") && lines.get(0).contains("-32700"), lines.get(0));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", lines.get(1));
        assertTrue(session.isOpen());
    }

    @Test
    void blankLinesAreIgnored() throws Exception {
        FakeSession session = start();
        in.feed("\n   \n\t\r\n" + PING + "\n\n");
        out.await(1);
        in.end();
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertEquals(List.of(PING), session.received);
        assertEquals(1, out.lines().size());
    }

    @Test
    void aLineOverTheLimitIsAnsweredWithAClearErrorAndTheNextLineIsRead() throws Exception {
        FakeSession session = start(100, 1024 * 1024);
        String big = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(500) + "\"}}";
        in.feed(big + "\n" + PING + "\n");
        List<String> lines = out.await(2);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: "
                + "message of " + big.length() + " bytes is longer than the limit of 100 bytes\"}}", lines.get(0));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", lines.get(1));
        assertEquals(List.of(PING), session.received);
    }

    @Test
    void endOfInputClosesTheSessionWritesWhatWasQueuedAndEnds() throws Exception {
        FakeSession session = start();
        in.feed(PING + "\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"slow\"}\n");
        assertTrue(session.slowArrived.await(1, TimeUnit.MINUTES));
        assertEquals(1, session.pendingRequests());
        in.end();
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertFalse(session.isOpen());
        assertEquals(0, session.pendingRequests());
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), out.lines());
        assertTrue(out.isClosed());
        assertTrue(in.isClosed());
        assertFalse(connection.isOpen());
    }

    @Test
    void aLastMessageWithoutNewlineIsHandledBeforeTheEnd() throws Exception {
        start();
        in.feed(PING);
        in.end();
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"), out.lines());
    }

    @Test
    void outgoingMessagesNeverSpanLines() throws Exception {
        FakeSession session = start();
        session.sink.send("{\"jsonrpc\":\"2.0\",\r\n\"method\":\"notifications/tools/list_changed\"}");
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",  \"method\":\"notifications/tools/list_changed\"}"), out.await(1));
        assertEquals(0, out.partial());
    }

    @Test
    void aClosedStdoutEndsTheConnection() throws Exception {
        FakeSession session = start();
        out.breakPipe();
        in.feed(PING + "\n");
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertTrue(session.closed.await(1, TimeUnit.MINUTES));
        assertTrue(in.isClosed());
    }

    @Test
    void aClientThatStopsReadingEndsTheConnectionInsteadOfBlockingTheSender() throws Exception {
        FakeSession session = start(1024, 1000);
        out.block();
        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\""
                + "x".repeat(200) + "\"}}";
        // the writer takes the first message and hangs in write; the queue then fills up
        for (int i = 0; i < 20 && connection.isOpen(); i++) {
            session.sink.send(notification);
        }
        assertFalse(connection.isOpen());
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertTrue(session.closed.await(1, TimeUnit.MINUTES));
        assertTrue(out.isClosed());
    }

    @Test
    void theServerClosingTheSessionFlushesAndEnds() throws Exception {
        FakeSession session = start();
        session.sink.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
        session.closeByServer();
        assertTrue(ended.await(1, TimeUnit.MINUTES));
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"), out.lines());
        assertTrue(out.isClosed());
    }

    @Test
    void stopClosesEverythingWithoutRunningOnEnd() throws Exception {
        FakeSession session = start();
        in.feed(PING + "\n");
        out.await(1);
        connection.stop();
        assertFalse(session.isOpen());
        assertTrue(in.isClosed());
        assertTrue(out.isClosed());
        assertEquals(1, ended.getCount());
        session.sink.send(PING);
        assertEquals(1, out.lines().size());
    }
}
