package dev.smcp.exec.internal;

import java.lang.annotation.Annotation;

/** Builds {@link ProcessExecutorConfig} instances for tests. */
final class TestConfig {

    private TestConfig() {
    }

    static ProcessExecutorConfig config(int maxConcurrent, int maxQueued, long killGraceMillis, String... secrets) {
        return new ProcessExecutorConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ProcessExecutorConfig.class;
            }

            @Override
            public int maxConcurrent() {
                return maxConcurrent;
            }

            @Override
            public int maxQueued() {
                return maxQueued;
            }

            @Override
            public long killGraceMillis() {
                return killGraceMillis;
            }

            @Override
            public String[] secretVariables() {
                return secrets.clone();
            }

            @Override
            public String[] pluginEnvironment() {
                return new String[0];
            }
        };
    }
}
