package dev.smcp.plugins.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the CLI plugins (PID {@value #PID}), shared by every component of this bundle that needs it: the
 * directory watcher, the {@code smcp-plugin:} URL handler (probing) and the tool extender (calls).
 */
@ObjectClassDefinition(name = "SMCP CLI plugins",
        description = "Where CLI plugins live, how they are probed for their commands and how their commands run.")
public @interface PluginsConfiguration {

    /** The configuration PID. */
    String PID = "dev.smcp.plugins";

    /** Default of {@link #directory()}: {@value}, resolved against the working directory of the process. */
    String DEFAULT_DIRECTORY = "plugins";
    /** Default of {@link #python()}. */
    String DEFAULT_PYTHON = "python3";
    /** Default of {@link #probeTimeoutSeconds()}. */
    int DEFAULT_PROBE_TIMEOUT_SECONDS = 10;
    /** Default of {@link #callTimeoutSeconds()}: no timeout. */
    double DEFAULT_CALL_TIMEOUT_SECONDS = 0;
    /** Default of {@link #maxOutputBytes()}: 16 MiB. */
    int DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
    /** Default of {@link #maxStderrBytes()}: 64 KiB. */
    int DEFAULT_MAX_STDERR_BYTES = 64 * 1024;
    /** Default of {@link #probeParallelism()}. */
    int DEFAULT_PROBE_PARALLELISM = 4;
    /** Default of {@link #watchQuietMillis()}. */
    int DEFAULT_WATCH_QUIET_MILLIS = 300;
    /** Default of {@link #watchPollSeconds()}. */
    int DEFAULT_WATCH_POLL_SECONDS = 2;

    @AttributeDefinition(name = "Plugins directory",
            description = "The directory whose sub-directories are CLI plugins (a sub-directory with a cli.py, or "
                    + "an executable named cli). A relative path is resolved against the working directory of the "
                    + "server process. A missing directory means no CLI plugins (with a warning).")
    String directory() default DEFAULT_DIRECTORY;

    @AttributeDefinition(name = "Python interpreter",
            description = "The interpreter that runs cli.py plugins: a program name looked up on PATH, or a path.")
    String python() default DEFAULT_PYTHON;

    @AttributeDefinition(name = "Probe timeout (seconds)",
            description = "The longest one probe run of a plugin (--describe, or --help as the fallback) may take "
                    + "before it is killed and the plugin is reported as failed.",
            min = "1")
    int probeTimeoutSeconds() default DEFAULT_PROBE_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Call timeout (seconds)",
            description = "The longest a tool call may run before its process tree is killed and the call fails "
                    + "with the code 'timeout'. Fractions are allowed (e.g. 2.5). 0 or a negative value means no "
                    + "timeout, as upstream's MCP_PLUGIN_TIMEOUT.")
    double callTimeoutSeconds() default DEFAULT_CALL_TIMEOUT_SECONDS;

    @AttributeDefinition(name = "Maximum output (bytes)",
            description = "The most standard output a tool call may write; a plugin writing more is killed and the "
                    + "call fails with the code 'output_too_large'.",
            min = "1")
    int maxOutputBytes() default DEFAULT_MAX_OUTPUT_BYTES;

    @AttributeDefinition(name = "Maximum standard error kept (bytes)",
            description = "How much of a call's standard error is kept (its last bytes) for error messages. The "
                    + "plugin is not stopped for writing more.",
            min = "1")
    int maxStderrBytes() default DEFAULT_MAX_STDERR_BYTES;

    @AttributeDefinition(name = "Probe parallelism",
            description = "How many plugins are probed at the same time during a scan of the plugins directory.",
            min = "1")
    int probeParallelism() default DEFAULT_PROBE_PARALLELISM;

    @AttributeDefinition(name = "Watch the plugins directory",
            description = "Whether plugins added to, changed in or removed from the plugins directory (sub-directories "
                    + "with a CLI, and .jar bundles) are installed, updated or uninstalled while the server runs. "
                    + "When off, the directory is scanned at start and on request (smcp:rescan) only.")
    boolean watch() default true;

    @AttributeDefinition(name = "Quiet time before a change is applied (milliseconds)",
            description = "A change is applied once the plugin's files have been left alone this long, so that a "
                    + "plugin being copied in is installed once, complete.",
            min = "10")
    int watchQuietMillis() default DEFAULT_WATCH_QUIET_MILLIS;

    @AttributeDefinition(name = "Poll interval (seconds)",
            description = "How often the plugins directory is also checked by listing it, for the changes file-system "
                    + "events miss (network file systems, files behind symbolic links). 0 turns polling off.",
            min = "0")
    int watchPollSeconds() default DEFAULT_WATCH_POLL_SECONDS;

    @AttributeDefinition(name = "Ignored file names",
            description = "Glob patterns of file and directory names inside a plugin directory whose changes do not "
                    + "make the plugin be probed again, such as data and log files a plugin writes next to its CLI. "
                    + "Hidden names and __pycache__ are always ignored.")
    String[] watchIgnore() default { "*.log", "*.tmp", "*.swp", "*~", "*.db", "*.sqlite", "*.sqlite3", "*-journal",
        "*-wal", "*-shm" };
}
