package dev.smcp.plugins.internal;

import java.nio.file.Path;
import java.util.List;

import dev.smcp.api.runtime.ScanDTO;

/**
 * What one scan of the plugins directory did. Names are plugin names; {@code removed} holds the bundle locations
 * uninstalled.
 *
 * @param directory the plugins directory scanned
 * @param installed plugins installed as new bundles
 * @param updated plugins whose bundle was updated (the probe found something different)
 * @param unchanged plugins whose bundle was left as it was (the probe found the same)
 * @param removed locations of plugin bundles uninstalled because their directory is gone
 * @param failed plugins that failed probing (installed all the same, as failed plugins) or could not be installed
 * @param complete whether the scan ran to its end (false when it was stopped, or the directory could not be read)
 * @param durationMillis how long the scan took
 */
public record ScanSummary(Path directory, List<String> installed, List<String> updated, List<String> unchanged,
        List<String> removed, List<String> failed, boolean complete, long durationMillis) {

    public ScanSummary {
        installed = List.copyOf(installed);
        updated = List.copyOf(updated);
        unchanged = List.copyOf(unchanged);
        removed = List.copyOf(removed);
        failed = List.copyOf(failed);
    }

    /** @return whether the scan installed, updated or removed anything */
    public boolean changedAnything() {
        return !installed.isEmpty() || !updated.isEmpty() || !removed.isEmpty();
    }

    /** @return the summary as the DTO of the runtime API */
    public ScanDTO toDto() {
        ScanDTO dto = new ScanDTO();
        dto.directory = directory.toString();
        dto.installed = installed.toArray(new String[0]);
        dto.updated = updated.toArray(new String[0]);
        dto.unchanged = unchanged.toArray(new String[0]);
        dto.removed = removed.toArray(new String[0]);
        dto.failed = failed.toArray(new String[0]);
        dto.complete = complete;
        dto.durationMillis = durationMillis;
        return dto;
    }

    @Override
    public String toString() {
        return "scan of " + directory + ": " + installed.size() + " installed, " + updated.size() + " updated, "
                + unchanged.size() + " unchanged, " + removed.size() + " removed, " + failed.size() + " failed"
                + (complete ? "" : " (incomplete)") + " in " + durationMillis + " ms";
    }
}
