package dev.smcp.protocol.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tool calls on a bounded pool of daemon threads {@code smcp-call-N}: at most {@code maxConcurrent} run, at
 * most {@code maxQueued} wait, anything beyond is refused at once.
 * <p>
 * Admission is counted with a semaphore that the call releases itself, before it sends its response: a client
 * that sends its next call as soon as it has the response is never told the server is busy. (A plain bounded
 * queue would refuse in the moment between one call ending and its thread taking the next.)
 */
final class CallDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CallDispatcher.class);

    private static final long IDLE_SECONDS = 30;

    private final ThreadPoolExecutor pool;
    private final Semaphore admissions;
    private final int capacity;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    CallDispatcher(int maxConcurrent, int maxQueued) {
        pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new DaemonThreadFactory("smcp-call"));
        pool.allowCoreThreadTimeOut(true);
        capacity = (int) Math.min(Integer.MAX_VALUE, (long) maxConcurrent + maxQueued);
        admissions = new Semaphore(capacity);
    }

    /** @return the calls admitted and not yet finished: running or queued */
    int inFlight() {
        return Math.max(0, capacity - admissions.availablePermits());
    }

    /** @return the calls that ended with a result that is not an error */
    long succeeded() {
        return succeeded.get();
    }

    /** @return the calls that ended with an error, were cancelled, or were refused as busy */
    long failed() {
        return failed.get();
    }

    /** Counts a finished (or refused) call. */
    void finished(boolean ok) {
        (ok ? succeeded : failed).incrementAndGet();
    }

    /** A call; it runs {@code releaseSlot} once it no longer needs its slot (it is run again, harmlessly, after). */
    @FunctionalInterface
    interface Call {
        void run(Runnable releaseSlot);
    }

    /**
     * @param call the call
     * @return whether the call was accepted; {@code false} when the pool and its queue are full or shut down
     */
    boolean submit(Call call) {
        if (!admissions.tryAcquire()) {
            return false;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseSlot = () -> {
            if (released.compareAndSet(false, true)) {
                admissions.release();
            }
        };
        try {
            pool.execute(() -> {
                try {
                    call.run(releaseSlot);
                } finally {
                    releaseSlot.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            releaseSlot.run();
            return false;
        }
    }

    /** Interrupts running calls, drops queued ones and waits a while for the threads to end. */
    void shutdown(long waitMillis) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("{} tool calls did not stop within {} ms after being interrupted", pool.getActiveCount(),
                        waitMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
