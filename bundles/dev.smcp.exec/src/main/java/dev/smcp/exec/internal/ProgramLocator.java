package dev.smcp.exec.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks before starting that a program can be executed, as {@code execvp} would find it: a name with a slash is
 * taken relative to the working directory, a bare name is looked up on the child's {@code PATH}. Needed because,
 * behind {@code setsid}, a missing program would otherwise look like a started process exiting with 127.
 */
final class ProgramLocator {

    /** The search path {@code execvp} uses when {@code PATH} is unset. */
    static final String DEFAULT_PATH = "/bin:/usr/bin";

    private ProgramLocator() {
    }

    /**
     * @param program argv[0]
     * @param workingDirectory the child's working directory
     * @param searchPath the child's {@code PATH}, or {@code null}
     * @return {@code null} when the program can be executed, else why not
     */
    static String problem(String program, Path workingDirectory, String searchPath) {
        if (program.isEmpty()) {
            return "the program name is empty";
        }
        try {
            if (program.indexOf('/') >= 0) {
                Path file = workingDirectory.resolve(program);
                if (!Files.exists(file)) {
                    return "program not found: " + program;
                }
                return executable(file) ? null : "program is not executable: " + program;
            }
            String path = searchPath == null ? DEFAULT_PATH : searchPath;
            for (String dir : path.split(":", -1)) {
                // an empty or relative entry is relative to the child's working directory, as for execvp
                if (executable(workingDirectory.resolve(dir).resolve(program))) {
                    return null;
                }
            }
            return "program not found on PATH: " + program;
        } catch (InvalidPathException e) {
            return "invalid program name: " + e.getMessage();
        }
    }

    private static boolean executable(Path file) {
        return Files.isExecutable(file) && !Files.isDirectory(file);
    }
}
