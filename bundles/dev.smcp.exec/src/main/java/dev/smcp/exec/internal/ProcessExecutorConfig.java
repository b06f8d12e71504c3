package dev.smcp.exec.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the process executor (PID {@value #PID}). */
@ObjectClassDefinition(name = "SMCP process executor",
        description = "Runs plugin commands as child processes: how many at once, how many callers may wait, how "
                + "a process tree is stopped and which server secrets children never see.")
public @interface ProcessExecutorConfig {

    /** The configuration PID. */
    String PID = "dev.smcp.exec";

    /** Default of {@link #maxConcurrent()}. */
    int DEFAULT_MAX_CONCURRENT = 16;
    /** Default of {@link #maxQueued()}. */
    int DEFAULT_MAX_QUEUED = 256;
    /** Default of {@link #killGraceMillis()}. */
    long DEFAULT_KILL_GRACE_MILLIS = 3000;
    /** First default entry of {@link #secretVariables()}. */
    String SECRET_MCP_API_KEY = "MCP_API_KEY";
    /** Second default entry of {@link #secretVariables()}. */
    String SECRET_MCP_API_KEYS = "MCP_API_KEYS";
    /** Third default entry of {@link #secretVariables()}. */
    String SECRET_MCP_AUTH_TOKEN = "MCP_AUTH_TOKEN";

    @AttributeDefinition(name = "Maximum concurrent processes",
            description = "How many child processes may run at the same time. Further calls wait in a first-come, "
                    + "first-served queue for a free slot. At least 1.",
            min = "1")
    int maxConcurrent() default DEFAULT_MAX_CONCURRENT;

    @AttributeDefinition(name = "Maximum queued calls",
            description = "How many calls may wait for a free slot while all slots are busy. A call beyond this "
                    + "is rejected at once without starting anything. 0 means no waiting at all.",
            min = "0")
    int maxQueued() default DEFAULT_MAX_QUEUED;

    @AttributeDefinition(name = "Kill grace period (ms)",
            description = "When a run is stopped early (timeout, cancellation, output too large, shutdown), every "
                    + "process of its tree gets SIGTERM; those still alive after this many milliseconds get "
                    + "SIGKILL.",
            min = "0")
    long killGraceMillis() default DEFAULT_KILL_GRACE_MILLIS;

    @AttributeDefinition(name = "Secret environment variables",
            description = "Names of server environment variables never passed to child processes (exact, "
                    + "case-sensitive names). Variables whose name starts with MCP_API_KEY are always withheld "
                    + "as well. Other variables, including Letta-provided secrets meant for plugins, are passed on.")
    String[] secretVariables() default { SECRET_MCP_API_KEY, SECRET_MCP_API_KEYS, SECRET_MCP_AUTH_TOKEN };

    @AttributeDefinition(name = "Extra plugin environment",
            description = "Variables added to every child's environment, as NAME=VALUE entries (the standalone "
                    + "launcher fills this from the Letta agent's environment variables and secrets). An entry never "
                    + "replaces a variable the server itself has, nor a protected name (MCP_*, SMCP_*, PATH, HOME, "
                    + "JAVA_*, LD_*, DYLD_*, PYTHONPATH, PYTHONHOME, ...); such entries are skipped. Values are never "
                    + "logged.")
    String[] pluginEnvironment() default {};
}
