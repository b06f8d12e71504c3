package dev.smcp.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A table of text with aligned columns: a header line, then one line per row, columns two spaces apart, numbers
 * right-aligned where asked, no trailing white space. Cells are shown on one line ({@link Text#oneLine}).
 */
final class TextTable {

    private static final String GAP = "  ";
    private static final int MAX_CELL = 200;

    private final String[] headers;
    private final Set<Integer> rightAligned = new HashSet<>();
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(String[] headers) {
        this.headers = headers;
    }

    /** @return a table with these column headers, every column left-aligned */
    static TextTable withHeaders(String... headers) {
        return new TextTable(headers.clone());
    }

    /**
     * @param columns indexes of columns to right-align (numbers)
     * @return this table
     */
    TextTable rightAligned(int... columns) {
        for (int column : columns) {
            rightAligned.add(column);
        }
        return this;
    }

    /**
     * Adds a row.
     *
     * @param cells one value per column; {@code null} shows as {@link Text#NONE}
     * @return this table
     */
    TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? Text.NONE : Text.oneLine(c.toString(), MAX_CELL))
                .toArray(String[]::new));
        return this;
    }

    /** @return whether no row was added */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return the header line and the rows, joined with {@code \n}, without a final line break */
    String render() {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = width(headers[i]);
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (String[] row : rows) {
            out.append('\n');
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP);
            }
            String padding = " ".repeat(widths[i] - width(cells[i]));
            if (rightAligned.contains(i)) {
                line.append(padding).append(cells[i]);
            } else {
                line.append(cells[i]).append(padding);
            }
        }
        out.append(line.toString().stripTrailing());
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
