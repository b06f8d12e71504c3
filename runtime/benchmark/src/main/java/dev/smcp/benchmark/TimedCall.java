package dev.smcp.benchmark;

/** One call whose latency is measured. */
@FunctionalInterface
interface TimedCall {

    /** @return {@code null} when the call succeeded, else what went wrong */
    String call() throws Exception;
}
