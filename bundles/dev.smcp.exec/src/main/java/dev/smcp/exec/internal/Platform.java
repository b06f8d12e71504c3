package dev.smcp.exec.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operating system offers for running and killing process trees, detected once.
 *
 * @param setsid the absolute path of the {@code setsid} program, or {@code null}: when present each child starts
 *            as {@code setsid <argv...>}, which makes it the leader of a new session and process group with its
 *            own pid (setsid execs in place because the child is never a group leader)
 * @param procfs whether {@code /proc/<pid>/stat} can be read, so that the members of a process group can be found
 * @param nullDevice the null device, or {@code null}: stdin is redirected from it, else stdin is a pipe closed at
 *            once
 */
record Platform(String setsid, boolean procfs, File nullDevice) {

    /** A platform without process groups: only descendants are killed. */
    static final Platform PORTABLE = new Platform(null, false, null);

    /** @return what this machine offers */
    static Platform detect() {
        boolean linuxLike = Files.isReadable(Path.of("/proc/self/stat"));
        File devNull = new File("/dev/null");
        return new Platform(findSetsid(), linuxLike, devNull.exists() ? devNull : null);
    }

    /** @return whether children lead their own process group */
    boolean ownGroups() {
        return setsid != null;
    }

    /** @return the argument vector to hand to {@link ProcessBuilder}: the request's own, behind setsid if any */
    List<String> launchCommand(List<String> argv) {
        if (setsid == null) {
            return argv;
        }
        List<String> command = new ArrayList<>(argv.size() + 1);
        command.add(setsid);
        command.addAll(argv);
        return command;
    }

    private static String findSetsid() {
        Path preferred = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(preferred)) {
            return preferred.toString();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "setsid");
                if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }
}
