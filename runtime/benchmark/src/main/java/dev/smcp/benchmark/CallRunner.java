package dev.smcp.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs calls sequentially or as concurrent load, and times them with {@link System#nanoTime()}. */
final class CallRunner {

    /**
     * @param samples what was measured in the window
     * @param callsPerSecond calls completed in the window divided by its length
     */
    record LoadResult(Samples samples, double callsPerSecond) {
    }

    private CallRunner() {
    }

    /**
     * Sequential rounds over several calls, each round one call of each in rotating order, so that a change in the
     * machine's state over time affects them alike: warm-up rounds (errors counted, latency not), then the measured
     * rounds.
     *
     * @return the samples of each call, in the order given
     */
    static List<Samples> interleaved(List<TimedCall> calls, int warmup, int iterations) {
        List<Samples> measured = new ArrayList<>();
        calls.forEach(c -> measured.add(new Samples()));
        for (int round = 0; round < warmup + iterations; round++) {
            for (int k = 0; k < calls.size(); k++) {
                int index = (round + k) % calls.size();
                Samples samples = measured.get(index);
                long latency = timed(calls.get(index), samples);
                if (latency >= 0 && round >= warmup) {
                    samples.add(latency);
                }
            }
        }
        return measured;
    }

    /**
     * One thread per call, each calling back to back for the warm-up and then the window. A call counts when it
     * completes inside the window; calls still running at its end finish but are not counted.
     */
    static LoadResult load(List<TimedCall> calls, int warmupSeconds, int seconds) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Samples> perThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            TimedCall call = calls.get(i);
            Samples samples = new Samples();
            perThread.add(samples);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = window[0];
                long end = window[1];
                while (System.nanoTime() < end) {
                    long latency = timed(call, samples);
                    long done = System.nanoTime();
                    if (latency >= 0 && done >= start && done <= end) {
                        samples.add(latency);
                    }
                }
            }, "smcp-benchmark-client-" + i);
            threads.add(thread);
            thread.start();
        }
        window[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
        window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
        go.countDown(); // publishes window to the threads
        for (Thread thread : threads) {
            thread.join();
        }
        Samples all = new Samples();
        perThread.forEach(all::addAll);
        return new LoadResult(all, all.count() / (double) seconds);
    }

    /** @return the latency in nanoseconds, or -1 when the call failed (then counted as an error) */
    private static long timed(TimedCall call, Samples samples) {
        long started = System.nanoTime();
        String problem;
        try {
            problem = call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        } catch (Exception e) {
            problem = e.toString();
        }
        long latency = System.nanoTime() - started;
        if (problem != null) {
            samples.error(problem);
            return -1;
        }
        return latency;
    }
}
