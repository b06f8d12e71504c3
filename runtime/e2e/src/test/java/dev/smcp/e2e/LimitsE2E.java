package dev.smcp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session caps, the per-session call cap and idle expiry of {@code /mcp} sessions, in the real runtime. */
class LimitsE2E {

    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    @TempDir
    Path temp;

    @Test
    void sessionsBeyondTheCapGet503WithRetryAfter() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of(), "--max-sessions", "1");
                RawSseClient first = new RawSseClient(server)) {
            HttpResponse<String> second = RawSseClient.HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/sse")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, second.statusCode());
            assertEquals("Too many sessions", second.body());
            assertEquals("5", second.headers().firstValue("Retry-After").orElse(null));

            assertEquals(200, SecurityE2E.send(SecurityE2E.mcp(server, null), INITIALIZE).statusCode());
            HttpResponse<String> refused = SecurityE2E.send(SecurityE2E.mcp(server, null), INITIALIZE);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("Too many sessions"), refused.body());
            assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null));
        }
    }

    @Test
    void oneSessionCannotHoldMoreCallsThanItsCap() throws Exception {
        Path pidFile = temp.resolve("pids");
        try (SmcpServer server = SmcpServer.start(SmcpServer.labPlugins(), Map.of("MCP_MAX_CALLS_PER_SESSION", "1"));
                RawSseClient greedy = new RawSseClient(server); RawSseClient other = new RawSseClient(server)) {
            greedy.initialize();
            other.initialize();
            greedy.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"lab__sleep\","
                    + "\"arguments\":{\"seconds\":300,\"pid_file\":\"" + pidFile + "\"}}}");
            List<Long> pids = LabProcesses.awaitPids(pidFile);
            String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"lab__fail_stderr\"}}";
            greedy.send(call);
            String busy = greedy.next(60).data();
            assertTrue(busy.contains("\"id\":2") && busy.contains("\"busy\"")
                    && busy.contains("this session has 1 tool calls in flight"), busy);
            other.send(call);
            String answered = other.next(60).data();
            assertTrue(answered.contains("\"id\":2") && !answered.contains("\"busy\""), answered);
            greedy.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}");
            LabProcesses.assertGone(pids);
        }
    }

    @Test
    void anIdleStreamableSessionExpires() throws Exception {
        try (SmcpServer server = SmcpServer.start(SmcpServer.demoPlugins(), Map.of(), "--session-idle-seconds", "2")) {
            HttpResponse<String> opened = SecurityE2E.send(SecurityE2E.mcp(server, null), INITIALIZE);
            String id = opened.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertEquals(200, SecurityE2E.send(SecurityE2E.mcp(server, id), PING).statusCode());
            // each ping is activity: wait longer than the idle time (and a tick) before the next one
            long deadline = System.nanoTime() + 60_000_000_000L;
            int status = 200;
            while (status == 200 && System.nanoTime() < deadline) {
                Thread.sleep(4000);
                status = SecurityE2E.send(SecurityE2E.mcp(server, id), PING).statusCode();
            }
            assertEquals(404, status, "the idle session expired");
            assertTrue(server.awaitLog("expired: idle", 10), server.log());
        }
    }
}
