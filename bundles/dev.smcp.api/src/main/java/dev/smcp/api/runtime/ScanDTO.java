package dev.smcp.api.runtime;

import org.osgi.dto.DTO;

/** What one scan of the plugins directory did. Plugins are named as in {@link PluginDTO#name}. */
public class ScanDTO extends DTO {
    /** The plugins directory scanned. */
    public String directory;
    /** Plugins installed as new bundles. */
    public String[] installed;
    /** Plugins whose bundle was updated (their files or their probe outcome changed). */
    public String[] updated;
    /** Plugins whose bundle was left as it was. */
    public String[] unchanged;
    /** Bundle locations of plugins uninstalled because they are gone from the directory. */
    public String[] removed;
    /** Plugins that failed probing (installed all the same, as failed plugins) or could not be installed. */
    public String[] failed;
    /** Whether the scan ran to its end (false when it was stopped, or the directory could not be read). */
    public boolean complete;
    /** How long the scan took, in milliseconds. */
    public long durationMillis;
}
