package dev.smcp.transport.http.internal;

import java.lang.annotation.Annotation;

/** A hand-made {@link SseTransportConfig}, as DS would pass it. */
record TestConfig(int keepAliveSeconds, int maxBodyBytes, int maxQueuedMessages, int maxSessions)
        implements SseTransportConfig {

    static TestConfig defaults() {
        return new TestConfig(DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_QUEUED_MESSAGES,
                DEFAULT_MAX_SESSIONS);
    }

    TestConfig withKeepAliveSeconds(int seconds) {
        return new TestConfig(seconds, maxBodyBytes, maxQueuedMessages, maxSessions);
    }

    TestConfig withMaxBodyBytes(int bytes) {
        return new TestConfig(keepAliveSeconds, bytes, maxQueuedMessages, maxSessions);
    }

    TestConfig withMaxQueuedMessages(int messages) {
        return new TestConfig(keepAliveSeconds, maxBodyBytes, messages, maxSessions);
    }

    TestConfig withMaxSessions(int sessions) {
        return new TestConfig(keepAliveSeconds, maxBodyBytes, maxQueuedMessages, sessions);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return SseTransportConfig.class;
    }
}
