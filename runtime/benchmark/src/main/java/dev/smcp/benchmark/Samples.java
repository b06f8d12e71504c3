package dev.smcp.benchmark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Latencies and errors collected by one thread, merged after the run. */
final class Samples {

    private static final int KEPT_ERRORS = 5;

    private long[] nanos = new long[1024];
    private int count;
    private long errors;
    private final List<String> firstErrors = new ArrayList<>();

    void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    void error(String message) {
        errors++;
        if (firstErrors.size() < KEPT_ERRORS) {
            firstErrors.add(message);
        }
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.count; i++) {
            add(other.nanos[i]);
        }
        errors += other.errors;
        for (String message : other.firstErrors) {
            if (firstErrors.size() < KEPT_ERRORS) {
                firstErrors.add(message);
            }
        }
    }

    int count() {
        return count;
    }

    long errors() {
        return errors;
    }

    List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    LatencyStats stats() {
        return LatencyStats.ofNanos(Arrays.copyOf(nanos, count));
    }
}
