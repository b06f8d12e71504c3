package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonRpcPeekTest {

    private static JsonRpcPeek.Summary peek(String json) {
        return JsonRpcPeek.of(json);
    }

    @Test
    void countsARequest() {
        assertEquals(new JsonRpcPeek.Summary(1, 0, 0),
                peek("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\"}}"));
        assertEquals(new JsonRpcPeek.Summary(1, 0, 0),
                peek(" { \"method\" : \"ping\" , \"id\" : \"a\\\"b\" } "));
    }

    @Test
    void aNotificationIsNotARequest() {
        assertEquals(JsonRpcPeek.Summary.NONE,
                peek("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
        assertEquals(JsonRpcPeek.Summary.NONE, peek("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"x\"}"));
    }

    @Test
    void countsACancellation() {
        assertEquals(new JsonRpcPeek.Summary(0, 0, 1), peek(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}"));
        assertEquals(new JsonRpcPeek.Summary(0, 0, 1),
                peek("{\"method\":\"notifications\\/cancelled\"}"));
    }

    @Test
    void countsAResponse() {
        assertEquals(new JsonRpcPeek.Summary(0, 1, 0), peek("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}"));
        assertEquals(new JsonRpcPeek.Summary(0, 1, 0),
                peek("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,\"message\":\"no\"}}"));
        // an error about an unparseable message answers no request
        assertEquals(JsonRpcPeek.Summary.NONE,
                peek("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"x\"}}"));
    }

    @Test
    void nestedMembersDoNotCount() {
        String result = "{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"content\":[{\"type\":\"text\","
                + "\"text\":\"{\\\"method\\\":\\\"x\\\",\\\"id\\\":1}\"}],\"method\":\"m\",\"x\":[[{\"id\":1}]]}}";
        assertEquals(new JsonRpcPeek.Summary(0, 1, 0), peek(result));
        assertEquals(JsonRpcPeek.Summary.NONE,
                peek("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"id\":4}}"));
    }

    @Test
    void addsUpABatch() {
        assertEquals(new JsonRpcPeek.Summary(2, 1, 1), peek("[{\"id\":1,\"method\":\"a\"}, 7, "
                + "{\"method\":\"notifications/cancelled\"},{\"id\":2,\"method\":\"b\"},{\"id\":2,\"result\":1}]"));
        assertEquals(JsonRpcPeek.Summary.NONE, peek("[]"));
    }

    @Test
    void anythingElseCountsAsNothing() {
        for (String junk : new String[] { "", "   ", "not json", "42", "\"s\"", "{", "{\"id\":1,\"method\":",
                "{\"id\":1,\"method\":\"x\"", "{\"id\" 1}", "[{\"id\":1,\"method\":\"x\"}", "{\"a\":\"\\u12\"}",
                "{\"method\":\"x\",\"id\":}", "{\"id\":1,,\"method\":\"x\"}" }) {
            assertEquals(JsonRpcPeek.Summary.NONE, peek(junk), junk);
        }
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        assertEquals(JsonRpcPeek.Summary.NONE, peek(deep));
        assertEquals(new JsonRpcPeek.Summary(0, 1, 0), peek("{\"id\":1,\"result\":" + deep + "}"));
    }
}
