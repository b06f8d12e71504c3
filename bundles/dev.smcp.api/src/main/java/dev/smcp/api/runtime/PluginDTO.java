package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** A plugin: a directory with an executable CLI, installed as a bundle. */
public class PluginDTO extends DTO {
    /** The plugin is installed and its tools are registered. */
    public static final String STATE_ACTIVE = "active";
    /** The plugin bundle is installed but not started; its tools are not offered. */
    public static final String STATE_STOPPED = "stopped";
    /** The plugin could not be used; see {@link #error}. */
    public static final String STATE_FAILED = "failed";

    /** The plugin name (the directory name). */
    public String name;
    /** The plugin directory. */
    public String directory;
    /** The CLI the server runs. */
    public String executable;
    /** One of the {@code STATE_*} constants. */
    public String state;
    /** How the commands were found: {@code "describe"} or {@code "help"}; {@code null} when failed. */
    public String source;
    /** The bundle id of the plugin bundle, or {@code -1} when none is installed. */
    public long bundleId;
    /** The names of the tools the plugin contributes. */
    public String[] tools;
    /** Why the plugin failed or has no tools, or {@code null}. */
    public String error;
    /** Non-fatal problems found while probing (e.g. skipped commands). */
    public String[] warnings;
    /** When the plugin was last probed, in milliseconds since the epoch. */
    public long probedAt;
}
