package dev.smcp.transport.http.internal;

import java.lang.annotation.Annotation;

/** A hand-made {@link StreamableHttpConfig}, as DS would pass it. */
record StreamableTestConfig(int keepAliveSeconds, int maxBodyBytes, int maxQueuedBytes, int maxSessions,
        int maxReplayBytes, int bodyTimeoutSeconds, int sessionIdleSeconds) implements StreamableHttpConfig {

    static StreamableTestConfig defaults() {
        // no keep-alive pings during a test
        return new StreamableTestConfig(3600, SseTransportConfig.DEFAULT_MAX_BODY_BYTES,
                SseTransportConfig.DEFAULT_MAX_QUEUED_BYTES, SseTransportConfig.DEFAULT_MAX_SESSIONS,
                DEFAULT_MAX_REPLAY_BYTES, SseTransportConfig.DEFAULT_BODY_TIMEOUT_SECONDS, DEFAULT_SESSION_IDLE_SECONDS);
    }

    StreamableTestConfig withMaxSessions(int sessions) {
        return new StreamableTestConfig(keepAliveSeconds, maxBodyBytes, maxQueuedBytes, sessions, maxReplayBytes, bodyTimeoutSeconds,
                sessionIdleSeconds);
    }

    StreamableTestConfig withMaxBodyBytes(int bytes) {
        return new StreamableTestConfig(keepAliveSeconds, bytes, maxQueuedBytes, maxSessions, maxReplayBytes, bodyTimeoutSeconds,
                sessionIdleSeconds);
    }

    StreamableTestConfig withSessionIdleSeconds(int seconds) {
        return new StreamableTestConfig(keepAliveSeconds, maxBodyBytes, maxQueuedBytes, maxSessions, maxReplayBytes,
                bodyTimeoutSeconds, seconds);
    }

    @Override
    public String osgi_http_whiteboard_servlet_pattern() {
        return "/mcp";
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return StreamableHttpConfig.class;
    }
}
