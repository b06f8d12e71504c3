package dev.smcp.exec.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.smcp.api.Cancellation;

/**
 * Admits at most {@code maxRunning} callers at once, lets at most {@code maxQueued} more wait in FIFO order and
 * turns the rest away. A waiting caller leaves the queue at once when it is cancelled, interrupted or when the gate
 * is closed. (A fair {@link java.util.concurrent.Semaphore} cannot be woken by a cancellation without interrupting
 * the caller's thread, hence this small queue.) Thread-safe.
 */
final class ConcurrencyGate {

    /** What {@link #enter} decided. */
    enum Admission {
        /** A slot is held; the caller must call {@link ConcurrencyGate#leave()} once. */
        ADMITTED,
        /** All slots and all queue places were taken. */
        FULL,
        /** Cancelled before a slot was free. */
        CANCELLED,
        /** The gate was closed. */
        CLOSED
    }

    private final Object lock = new Object();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int maxRunning;
    private int maxQueued;
    private int running;
    private boolean closed;

    ConcurrencyGate(int maxRunning, int maxQueued) {
        resize(maxRunning, maxQueued);
    }

    /**
     * Takes a slot, waiting in line when none is free.
     *
     * @param cancellation leaves the queue with {@link Admission#CANCELLED} when cancelled
     * @return the decision; only {@link Admission#ADMITTED} holds a slot
     * @throws InterruptedException if interrupted while waiting; no slot is held then
     */
    Admission enter(Cancellation cancellation) throws InterruptedException {
        Waiter waiter;
        synchronized (lock) {
            if (closed) {
                return Admission.CLOSED;
            }
            if (running < maxRunning && waiters.isEmpty()) {
                running++;
                return Admission.ADMITTED;
            }
            if (waiters.size() >= maxQueued) {
                return Admission.FULL;
            }
            waiter = new Waiter();
            waiters.addLast(waiter);
        }
        try (Cancellation.Registration registration = cancellation.onCancel(() -> withdraw(waiter))) {
            return waiter.await();
        } catch (InterruptedException e) {
            synchronized (lock) {
                if (!waiters.remove(waiter) && waiter.admission == Admission.ADMITTED) {
                    // the slot was granted just as we were interrupted: hand it on
                    releaseLocked();
                }
            }
            throw e;
        }
    }

    /** Gives back a slot taken by {@link #enter}. */
    void leave() {
        synchronized (lock) {
            releaseLocked();
        }
    }

    /** Changes the limits; waiters are admitted at once if slots became free. Values are clamped to 1 and 0. */
    void resize(int newMaxRunning, int newMaxQueued) {
        synchronized (lock) {
            maxRunning = Math.max(1, newMaxRunning);
            maxQueued = Math.max(0, newMaxQueued);
            grantLocked();
        }
    }

    /** Turns every waiter away with {@link Admission#CLOSED}, and every later caller too. */
    void close() {
        List<Waiter> turnedAway;
        synchronized (lock) {
            closed = true;
            turnedAway = new ArrayList<>(waiters);
            waiters.clear();
            for (Waiter waiter : turnedAway) {
                waiter.decide(Admission.CLOSED);
            }
        }
    }

    /** @return how many callers hold a slot */
    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** @return how many callers wait for a slot */
    int queued() {
        synchronized (lock) {
            return waiters.size();
        }
    }

    private void withdraw(Waiter waiter) {
        synchronized (lock) {
            if (waiters.remove(waiter)) {
                waiter.decide(Admission.CANCELLED);
            }
        }
    }

    private void releaseLocked() {
        running--;
        grantLocked();
    }

    private void grantLocked() {
        while (running < maxRunning && !waiters.isEmpty()) {
            running++;
            waiters.pollFirst().decide(Admission.ADMITTED);
        }
    }

    /** One queued caller; decided exactly once, under the gate's lock. */
    private static final class Waiter {
        private final CountDownLatch decided = new CountDownLatch(1);
        private volatile Admission admission;

        void decide(Admission value) {
            admission = value;
            decided.countDown();
        }

        Admission await() throws InterruptedException {
            decided.await();
            return admission;
        }
    }
}
