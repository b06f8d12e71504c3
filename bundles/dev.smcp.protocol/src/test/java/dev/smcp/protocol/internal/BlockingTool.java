package dev.smcp.protocol.internal;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import dev.smcp.api.McpTool;
import dev.smcp.api.ToolCallContext;
import dev.smcp.api.ToolResult;

/** A tool that blocks until it is released or its call is cancelled, and records which happened. */
final class BlockingTool implements McpTool {

    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch observedCancellation = new CountDownLatch(1);
    final CountDownLatch returned = new CountDownLatch(1);

    @Override
    public ToolResult call(Map<String, Object> arguments, ToolCallContext context) throws Exception {
        try (var registration = context.cancellation().onCancel(observedCancellation::countDown)) {
            started.countDown();
            while (!context.cancellation().isCancelled()) {
                if (release.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return ToolResult.text("released");
                }
            }
            return ToolResult.text("cancelled");
        } finally {
            returned.countDown();
        }
    }
}
