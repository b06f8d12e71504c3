package dev.smcp.protocol.internal;

import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debounces catalog changes: runs the action on its own thread ({@code smcp-notify-1}) once no change came for the
 * debounce time, or at the latest ten debounce times after the first change of a burst.
 */
final class ListChangedNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(ListChangedNotifier.class);

    private final ScheduledThreadPoolExecutor scheduler;
    private final long debounceMillis;
    private final long maxDelayNanos;
    private final Runnable action;

    // guarded by this
    private Future<?> pending;
    private long burstStart;
    private boolean closed;

    ListChangedNotifier(long debounceMillis, Runnable action) {
        this.debounceMillis = debounceMillis;
        this.maxDelayNanos = TimeUnit.MILLISECONDS.toNanos(debounceMillis) * 10;
        this.action = action;
        scheduler = new ScheduledThreadPoolExecutor(1, new DaemonThreadFactory("smcp-notify"));
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Tells the notifier that something changed. Quick; never blocks on the action. */
    synchronized void changed() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        if (pending != null && !pending.isDone()) {
            if (now - burstStart >= maxDelayNanos) {
                return; // a long burst: let the pending run go ahead
            }
            pending.cancel(false);
        } else {
            burstStart = now;
        }
        try {
            pending = scheduler.schedule(this::fire, debounceMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending = null; // shutting down
        }
    }

    private void fire() {
        synchronized (this) {
            // a change from now on starts a new burst: this run may already have read the catalog
            pending = null;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Sending notifications/tools/list_changed failed", e);
        }
    }

    /** Stops the notifier; pending runs are dropped. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
