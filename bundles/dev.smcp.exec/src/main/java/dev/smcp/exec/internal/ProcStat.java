package dev.smcp.exec.internal;

/**
 * Reads the fields we need from a Linux {@code /proc/<pid>/stat} line: {@code pid (comm) state ppid pgrp ...}.
 * The command name may hold spaces and parentheses, so fields are counted after the last {@code ')'}.
 */
record ProcStat(char state, long parentPid, long processGroup) {

    /** @return the parsed fields, or {@code null} if the text is not a stat line */
    static ProcStat parse(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String[] fields = statLine.substring(close + 1).trim().split(" ", 4);
        if (fields.length < 3 || fields[0].length() != 1) {
            return null;
        }
        try {
            return new ProcStat(fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return whether the process has ended and only waits to be reaped (or is being torn down) */
    boolean dead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }
}
