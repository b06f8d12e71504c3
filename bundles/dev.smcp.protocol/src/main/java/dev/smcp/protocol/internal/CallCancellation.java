package dev.smcp.protocol.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.smcp.api.Cancellation;

/** A {@link Cancellation} the server triggers once. Thread-safe. */
final class CallCancellation implements Cancellation {

    private static final Logger LOG = LoggerFactory.getLogger(CallCancellation.class);

    private final Set<Runnable> actions = new LinkedHashSet<>();
    private boolean cancelled;

    @Override
    public boolean isCancelled() {
        synchronized (actions) {
            return cancelled;
        }
    }

    @Override
    public Registration onCancel(Runnable action) {
        // wrap so that registering the same action twice yields two registrations
        Runnable registered = action::run;
        synchronized (actions) {
            if (!cancelled) {
                actions.add(registered);
                return () -> {
                    synchronized (actions) {
                        actions.remove(registered);
                    }
                };
            }
        }
        run(registered);
        return () -> {
        };
    }

    /**
     * Requests cancellation and runs the registered actions on the calling thread.
     *
     * @return whether this call cancelled the signal (false if it already was)
     */
    boolean cancel() {
        List<Runnable> toRun;
        synchronized (actions) {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            toRun = new ArrayList<>(actions);
            actions.clear();
        }
        toRun.forEach(CallCancellation::run);
        return true;
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancellation action failed", e);
        }
    }
}
