package dev.smcp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The SSE servlets are registered on the Jetty 12 whiteboard and speak to the protocol engine. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SseServletIT extends SmcpTestSupport {

    @Test
    public void sseStreamCarriesTheEndpointAndResponses() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + httpPort();
        HttpResponse<java.io.InputStream> stream = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            stream = http.send(HttpRequest.newBuilder(URI.create(base + "/sse")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (stream.statusCode() == 200) {
                break;
            }
            stream.body().close();
            Thread.sleep(100);
        }
        assertEquals(200, stream.statusCode());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals("event: endpoint", in.readLine());
            String data = in.readLine();
            assertTrue(data, data.startsWith("data: /messages/?session_id="));
            String endpoint = data.substring("data: ".length());
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + endpoint))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, posted.statusCode());
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data:")) {
                // skip the blank line, event name and keep-alive comments
            }
            assertEquals("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", line);
        }
    }
}
