package dev.smcp.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A one-way cancellation signal: once cancelled it stays cancelled.
 */
@ProviderType
public interface Cancellation {

    /** @return whether cancellation was requested */
    boolean isCancelled();

    /**
     * Registers an action to run once when cancellation is requested. If the signal is already cancelled the
     * action runs at once, on the calling thread. Actions must be quick and must not throw.
     *
     * @param action the action
     * @return a registration whose {@link Registration#close()} removes the action if it has not run yet
     */
    Registration onCancel(Runnable action);

    /** Removes a registered action. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A signal that is never cancelled. */
    Cancellation NEVER = new Cancellation() {
        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> {
            };
        }
    };
}
