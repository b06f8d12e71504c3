package dev.smcp.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CallCancellationTest {

    @Test
    void actionsRunOnceAndRegistrationsCanBeWithdrawn() {
        CallCancellation cancellation = new CallCancellation();
        AtomicInteger runs = new AtomicInteger();
        Runnable action = runs::incrementAndGet;
        cancellation.onCancel(action);
        cancellation.onCancel(action);
        cancellation.onCancel(action).close();
        cancellation.onCancel(() -> {
            throw new IllegalStateException("a failing action does not stop the others");
        });
        assertFalse(cancellation.isCancelled());

        assertTrue(cancellation.cancel());
        assertTrue(cancellation.isCancelled());
        assertEquals(2, runs.get());
        assertFalse(cancellation.cancel());
        assertEquals(2, runs.get());

        cancellation.onCancel(action).close();
        assertEquals(3, runs.get(), "registering after cancellation runs the action at once");
    }

    @Test
    void aCompletedCallCannotBeCancelled() {
        ToolCall call = new ToolCall(JsonRpc.parse("1"), "t", "s", new RecordingSink(), null, null);
        assertTrue(call.complete());
        call.cancel();
        assertFalse(call.cancellation().isCancelled());
        ToolCall other = new ToolCall(JsonRpc.parse("\"1\""), "t", "s", new RecordingSink(), null, null);
        other.cancel();
        assertFalse(other.complete());
        assertTrue(other.cancellation().isCancelled());
        assertFalse(call.key().equals(other.key()), "1 and \"1\" are different ids");
    }
}
