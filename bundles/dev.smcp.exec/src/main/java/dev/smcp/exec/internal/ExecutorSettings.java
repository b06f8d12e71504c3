package dev.smcp.exec.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The effective configuration: {@link ProcessExecutorConfig} with out-of-range values clamped, and the child base
 * environment derived from it. Immutable.
 */
record ExecutorSettings(int maxConcurrent, int maxQueued, long killGraceMillis, ChildEnvironment environment) {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorSettings.class);

    static ExecutorSettings of(ProcessExecutorConfig config, Map<String, String> serverEnvironment) {
        int maxConcurrent = config.maxConcurrent();
        if (maxConcurrent < 1) {
            LOG.warn("maxConcurrent={} is not allowed; using 1", maxConcurrent);
            maxConcurrent = 1;
        }
        int maxQueued = config.maxQueued();
        if (maxQueued < 0) {
            LOG.warn("maxQueued={} is not allowed; using 0", maxQueued);
            maxQueued = 0;
        }
        long killGraceMillis = config.killGraceMillis();
        if (killGraceMillis < 0) {
            LOG.warn("killGraceMillis={} is not allowed; using 0", killGraceMillis);
            killGraceMillis = 0;
        }
        String[] secrets = config.secretVariables();
        String[] extra = config.pluginEnvironment();
        ChildEnvironment environment = new ChildEnvironment(serverEnvironment,
                secrets == null ? List.of() : Arrays.asList(secrets), extra == null ? List.of() : Arrays.asList(extra));
        if (!environment.skippedNames().isEmpty()) {
            LOG.warn("pluginEnvironment: skipped {} (protected or already set by the server)",
                    environment.skippedNames());
        }
        return new ExecutorSettings(maxConcurrent, maxQueued, killGraceMillis, environment);
    }

    @Override
    public String toString() {
        return "maxConcurrent=" + maxConcurrent + ", maxQueued=" + maxQueued + ", killGraceMillis="
                + killGraceMillis + ", secretVariables=" + environment.secretNames() + " and "
                + ChildEnvironment.SECRET_PREFIX + "*, pluginEnvironment=" + environment.extraNames();
    }
}
