/**
 * The process executor: runs a command (an argument vector, never a shell) as a child process with a working
 * directory, an environment, a timeout, output caps and cancellation, and kills the whole process tree when the
 * call ends early.
 */
@Export
@Version("1.1.0")
package dev.smcp.api.exec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
