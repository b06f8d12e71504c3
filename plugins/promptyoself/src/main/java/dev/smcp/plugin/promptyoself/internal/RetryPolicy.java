package dev.smcp.plugin.promptyoself.internal;

import java.time.Duration;

/**
 * How failed deliveries are retried: after the n-th consecutive failure the prompt waits
 * {@code firstDelay * 2^(n-1)}, at most {@code maxDelay}; after {@code maxFailures} failures it is given up.
 *
 * @param maxFailures consecutive failures after which the prompt is deactivated, at least 1
 * @param firstDelay the delay after the first failure
 * @param maxDelay the longest delay
 */
record RetryPolicy(int maxFailures, Duration firstDelay, Duration maxDelay) {

    RetryPolicy {
        if (maxFailures < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("invalid retry policy: " + maxFailures + ", " + firstDelay + ", "
                    + maxDelay);
        }
    }

    /**
     * @param failures the consecutive failures so far, at least 1
     * @return the delay before the next attempt, or {@code null} when the prompt is given up
     */
    Duration delayAfter(int failures) {
        if (failures >= maxFailures) {
            return null;
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
