package dev.smcp.transport.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccessPolicyTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String LAN = "192.168.1.20";
    private static final String[] NONE = {};

    private static AccessPolicy keys(String... keys) {
        return new AccessPolicy(keys, true, false, NONE, NONE);
    }

    @Test
    void loopbackClientsNeedNoKeyByDefault() {
        AccessPolicy policy = AccessPolicy.defaults();
        assertEquals(AccessPolicy.ANONYMOUS, policy.check(LOOPBACK, "127.0.0.1:8000", null, null, null).caller());
        assertEquals(AccessPolicy.ANONYMOUS, policy.check("::1", "localhost:8000", null, null, null).caller());
        assertEquals(AccessPolicy.ANONYMOUS, policy.check("0:0:0:0:0:0:0:1", "[::1]:8000", null, null, null).caller());
    }

    @Test
    void withoutKeysOtherClientsAreRefused() {
        AccessPolicy.Decision decision = AccessPolicy.defaults().check(LAN, "192.168.1.5:8000", null, null, null);
        assertFalse(decision.allowed());
        assertEquals(401, decision.status());
        assertEquals("unauthorized", decision.error());
        // a key where none is configured does not help
        assertEquals(401, AccessPolicy.defaults().check(LAN, "192.168.1.5", null, "Bearer x", null).status());
    }

    @Test
    void aListedKeyIsAcceptedAsBearerOrXApiKey() {
        AccessPolicy policy = keys("old-key", "new-key");
        String bearer = policy.check(LAN, "192.168.1.5", null, "Bearer new-key", null).caller();
        String header = policy.check(LAN, "192.168.1.5", null, null, "new-key").caller();
        String lowerCaseScheme = policy.check(LAN, "192.168.1.5", null, "bearer  new-key ", null).caller();
        assertTrue(bearer.startsWith("key:"), bearer);
        assertEquals(bearer, header);
        assertEquals(bearer, lowerCaseScheme);
        String old = policy.check(LAN, "192.168.1.5", null, null, "old-key").caller();
        assertTrue(old.startsWith("key:") && !old.equals(bearer), "each key is its own caller: " + old);
        assertFalse(bearer.contains("new-key"), "the caller names a fingerprint, not the key");
    }

    @Test
    void aWrongOrMissingKeyIsRefusedEvenFromLoopbackWhenWrong() {
        AccessPolicy policy = keys("secret");
        assertEquals(401, policy.check(LAN, "192.168.1.5", null, "Bearer nope", null).status());
        assertEquals(401, policy.check(LAN, "192.168.1.5", null, null, null).status());
        assertEquals(401, policy.check(LAN, "192.168.1.5", null, "Basic c2VjcmV0", null).status());
        assertEquals(401, policy.check(LOOPBACK, "localhost", null, "Bearer nope", null).status());
        assertEquals(AccessPolicy.ANONYMOUS, policy.check(LOOPBACK, "localhost", null, null, null).caller());
    }

    @Test
    void requireAuthTurnsTheLoopbackBypassOff() {
        AccessPolicy policy = new AccessPolicy(new String[] { "secret" }, false, false, NONE, NONE);
        assertEquals(401, policy.check(LOOPBACK, "localhost", null, null, null).status());
        assertTrue(policy.check(LOOPBACK, "localhost", null, "Bearer secret", null).allowed());
    }

    @Test
    void authDisabledServesEveryone() {
        AccessPolicy policy = new AccessPolicy(NONE, false, true, NONE, NONE);
        assertEquals(AccessPolicy.ANONYMOUS, policy.check(LAN, "192.168.1.5", null, null, null).caller());
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost", "localhost:8000", "LOCALHOST:8000", "app.localhost", "127.0.0.1",
            "127.0.0.1:1", "[::1]:8000", "192.168.1.5:8000", "10.0.0.1" })
    void loopbackNamesAndIpLiteralsAreAcceptedHosts(String host) {
        assertNull(AccessPolicy.defaults().checkHostAndOrigin(host, null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
            "", ":8000", "[::1" })
    void otherHostsAreForbidden(String host) {
        AccessPolicy.Decision decision = AccessPolicy.defaults().checkHostAndOrigin(host, null);
        assertEquals(403, decision.status());
        assertEquals("forbidden_host", decision.error());
    }

    @Test
    void listedHostsAreAcceptedWithOrWithoutPort() {
        AccessPolicy policy = new AccessPolicy(NONE, true, false, new String[] { "mcp.example.org", "other:9000" },
                NONE);
        assertNull(policy.checkHostAndOrigin("MCP.example.org:8443", null));
        assertNull(policy.checkHostAndOrigin("other:9000", null));
        assertEquals(403, policy.checkHostAndOrigin("other:9001", null).status());
        AccessPolicy any = new AccessPolicy(NONE, true, false, new String[] { "*" }, NONE);
        assertNull(any.checkHostAndOrigin("anything.example", null));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:6274", "http://127.0.0.1:3000", "https://localhost", "http://[::1]:5173",
            "http://localhost:8000/" })
    void loopbackPagesAreAcceptedOrigins(String origin) {
        assertNull(AccessPolicy.defaults().checkHostAndOrigin("localhost:8000", origin));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://evil.example", "https://evil.example:8000", "null", "file://", "chrome-extension://abc",
            "http://localhost.evil.example", "not a uri", "http://127.0.0.1.evil.example" })
    void otherOriginsAreForbidden(String origin) {
        AccessPolicy.Decision decision = AccessPolicy.defaults().checkHostAndOrigin("localhost:8000", origin);
        assertEquals(403, decision.status());
        assertEquals("forbidden_origin", decision.error());
    }

    @Test
    void theServersOwnOriginAndListedOriginsAreAccepted() {
        assertNull(AccessPolicy.defaults().checkHostAndOrigin("192.168.1.5:8000", "http://192.168.1.5:8000"));
        assertEquals(403, AccessPolicy.defaults().checkHostAndOrigin("192.168.1.5:8000", "http://192.168.1.5:9000")
                .status());
        AccessPolicy policy = new AccessPolicy(NONE, true, false, NONE, new String[] { "https://app.example.com/" });
        assertNull(policy.checkHostAndOrigin("localhost:8000", "https://APP.example.com"));
        assertEquals(403, policy.checkHostAndOrigin("localhost:8000", "https://app.example.com:444").status());
    }

    @Test
    void aDnsRebindingRequestIsForbiddenBeforeAuthentication() {
        // the attacker's page, its name now resolving to 127.0.0.1: same-origin to the browser, wrong Host to us
        AccessPolicy.Decision decision = keys("secret").check(LOOPBACK, "attacker.example:8000",
                "http://attacker.example:8000", null, null);
        assertEquals(403, decision.status());
        assertEquals("forbidden_host", decision.error());
        assertTrue(decision.message().contains("attacker.example:8000"), decision.message());
    }

    @Test
    void headerValuesInMessagesAreShortAndPrintable() {
        String decision = AccessPolicy.defaults().checkHostAndOrigin("x".repeat(500) + "\u0001", null).message();
        assertTrue(decision.length() < 130, decision);
        assertTrue(decision.endsWith("..."), decision);
    }

    @Test
    void onlyIpLiteralsCountAsLoopbackAddresses() {
        assertTrue(AccessPolicy.isLoopbackAddress("127.8.9.10"));
        assertTrue(AccessPolicy.isLoopbackAddress("::ffff:127.0.0.1"));
        assertTrue(AccessPolicy.isLoopbackAddress("[::1]"));
        assertFalse(AccessPolicy.isLoopbackAddress("localhost"));
        assertFalse(AccessPolicy.isLoopbackAddress("127.0.0.1.example"));
        assertFalse(AccessPolicy.isLoopbackAddress("128.0.0.1"));
        assertFalse(AccessPolicy.isLoopbackAddress(null));
    }
}
