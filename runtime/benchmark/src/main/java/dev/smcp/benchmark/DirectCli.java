package dev.smcp.benchmark;

import java.io.File;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The plugin CLI run directly, without the server: {@code python3 cli.py calculate --operation=add --a=2 --b=3}
 * (the argv form the server renders), stdin from {@code /dev/null}, stdout read to the end, stderr discarded.
 */
final class DirectCli implements TimedCall {

    private static final File NULL_DEVICE = new File("/dev/null");

    private final List<String> command;

    /** @param command the full argument vector */
    DirectCli(List<String> command) {
        this.command = List.copyOf(command);
    }

    List<String> command() {
        return command;
    }

    @Override
    public String call() throws Exception {
        Process process = new ProcessBuilder(command).redirectInput(Redirect.from(NULL_DEVICE))
                .redirectError(Redirect.DISCARD).start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        int exit = process.waitFor();
        String text = new String(out, StandardCharsets.UTF_8);
        if (exit != 0) {
            return "exit code " + exit + ": " + text.strip();
        }
        return ExpectedResult.problem(text);
    }
}
