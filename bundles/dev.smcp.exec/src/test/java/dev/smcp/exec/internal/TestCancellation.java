package dev.smcp.exec.internal;

import java.util.ArrayList;
import java.util.List;

import dev.smcp.api.Cancellation;

/** A cancellation signal the test fires by hand; counts open registrations. */
final class TestCancellation implements Cancellation {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    @Override
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (TestCancellation.this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {
        };
    }

    void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    synchronized int openRegistrations() {
        return actions.size();
    }
}
