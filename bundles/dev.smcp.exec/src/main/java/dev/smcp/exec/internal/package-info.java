/**
 * Implementation of the process executor: a DS component that runs child processes (argv only, never a shell) with
 * bounded concurrency, output caps, a timeout, cancellation and a process-tree kill. Private to the bundle.
 */
package dev.smcp.exec.internal;
