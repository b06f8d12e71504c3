package dev.smcp.plugins.internal.probe;

import java.time.Duration;

/**
 * How plugins are probed.
 *
 * @param python the interpreter that runs {@code cli.py} (a program name looked up on {@code PATH}, or a path);
 *            {@code null} or blank means {@value #DEFAULT_PYTHON}
 * @param probeTimeout the longest one {@code --describe} or {@code --help} run may take; {@code null}, zero or
 *            negative means the default of 10 seconds
 * @param maxProbeOutputBytes the most standard output one probe run may write; zero or negative means the default
 *            of 1 MiB
 */
public record ProbeSettings(String python, Duration probeTimeout, int maxProbeOutputBytes) {

    /** Default interpreter. */
    public static final String DEFAULT_PYTHON = "python3";
    /** Default timeout of one probe run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Default standard output cap of one probe run: 1 MiB. */
    public static final int DEFAULT_MAX_OUTPUT = 1024 * 1024;

    public ProbeSettings {
        python = python == null || python.isBlank() ? DEFAULT_PYTHON : python.strip();
        probeTimeout = probeTimeout == null || probeTimeout.isNegative() || probeTimeout.isZero() ? DEFAULT_TIMEOUT
                : probeTimeout;
        maxProbeOutputBytes = maxProbeOutputBytes <= 0 ? DEFAULT_MAX_OUTPUT : maxProbeOutputBytes;
    }

    /** @return {@code python3}, 10 seconds, 1 MiB */
    public static ProbeSettings defaults() {
        return new ProbeSettings(DEFAULT_PYTHON, DEFAULT_TIMEOUT, DEFAULT_MAX_OUTPUT);
    }
}
