package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/**
 * A plugin: a directory with an executable CLI, installed as a bundle ({@link #KIND_CLI}), or a Java plugin bundle
 * dropped into the plugins directory as a jar ({@link #KIND_BUNDLE}).
 */
public class PluginDTO extends DTO {
    /** {@link #kind} of a CLI plugin: a directory with a {@code cli.py} or an executable {@code cli}. */
    public static final String KIND_CLI = "cli";
    /** {@link #kind} of a Java plugin: a bundle jar in the plugins directory whose services are tools. */
    public static final String KIND_BUNDLE = "bundle";

    /** The plugin is installed and its tools are registered. */
    public static final String STATE_ACTIVE = "active";
    /** The plugin bundle is installed but not started; its tools are not offered. */
    public static final String STATE_STOPPED = "stopped";
    /** The plugin could not be used; see {@link #error}. */
    public static final String STATE_FAILED = "failed";

    /** One of the {@code KIND_*} constants. */
    public String kind;
    /** The plugin name: the directory name of a CLI plugin, the jar file name of a Java plugin. */
    public String name;
    /** The plugin directory of a CLI plugin, the jar file of a Java plugin. */
    public String directory;
    /** The CLI the server runs; {@code null} for a Java plugin. */
    public String executable;
    /** One of the {@code STATE_*} constants. */
    public String state;
    /**
     * How the commands were found: {@code "describe"} or {@code "help"}; {@code null} when failed and for a Java
     * plugin.
     */
    public String source;
    /** The bundle id of the plugin bundle, or {@code -1} when none is installed. */
    public long bundleId;
    /** The names of the tools the plugin contributes. */
    public String[] tools;
    /** Why the plugin failed or has no tools, or {@code null}. */
    public String error;
    /** Non-fatal problems found while probing (e.g. skipped commands). */
    public String[] warnings;
    /** When the plugin was last probed (a Java plugin: installed or updated), in milliseconds since the epoch. */
    public long probedAt;
}
