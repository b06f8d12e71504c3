package dev.smcp.benchmark;

import java.util.Arrays;

/**
 * Summary of latency samples, in milliseconds; percentiles by nearest rank.
 *
 * @param count samples
 * @param median 50th percentile
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param mean arithmetic mean
 * @param max slowest sample
 */
record LatencyStats(int count, double median, double p90, double p99, double mean, double max) {

    static final LatencyStats NONE = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new LatencyStats(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.90)),
                millis(rank(sorted, 0.99)), sum / sorted.length / 1e6, millis(sorted[sorted.length - 1]));
    }

    /** The smallest sample with at least {@code fraction} of all samples at or below it. */
    private static long rank(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
