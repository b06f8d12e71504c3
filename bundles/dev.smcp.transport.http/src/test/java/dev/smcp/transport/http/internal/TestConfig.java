package dev.smcp.transport.http.internal;

import java.lang.annotation.Annotation;

/** A hand-made {@link SseTransportConfig}, as DS would pass it. */
record TestConfig(int keepAliveSeconds, int maxBodyBytes, int maxQueuedBytes, int maxSessions,
        int bodyTimeoutSeconds) implements SseTransportConfig {

    static TestConfig defaults() {
        return new TestConfig(DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_QUEUED_BYTES,
                DEFAULT_MAX_SESSIONS, DEFAULT_BODY_TIMEOUT_SECONDS);
    }

    TestConfig withBodyTimeoutSeconds(int seconds) {
        return new TestConfig(keepAliveSeconds, maxBodyBytes, maxQueuedBytes, maxSessions, seconds);
    }

    TestConfig withKeepAliveSeconds(int seconds) {
        return new TestConfig(seconds, maxBodyBytes, maxQueuedBytes, maxSessions, bodyTimeoutSeconds);
    }

    TestConfig withMaxBodyBytes(int bytes) {
        return new TestConfig(keepAliveSeconds, bytes, maxQueuedBytes, maxSessions, bodyTimeoutSeconds);
    }

    TestConfig withMaxQueuedBytes(int bytes) {
        return new TestConfig(keepAliveSeconds, maxBodyBytes, bytes, maxSessions, bodyTimeoutSeconds);
    }

    TestConfig withMaxSessions(int sessions) {
        return new TestConfig(keepAliveSeconds, maxBodyBytes, maxQueuedBytes, sessions, bodyTimeoutSeconds);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SseTransportConfig.class;
    }
}
