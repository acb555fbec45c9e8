package io.corral.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text table: a header row, then one row per item, every column padded to its widest cell and
 * separated by three spaces; the last column is not padded, so lines carry no trailing blanks. A null or
 * empty cell prints as {@code -}, so every row has as many words as columns when cells hold no blanks.
 */
final class Table {
    private static final String GAP = "   ";
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers.clone());
    }

    Table row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] r = Arrays.stream(cells).map(c -> c == null || c.isEmpty() ? "-" : c).toArray(String[]::new);
        rows.add(r);
        return this;
    }

    /** The rendered lines, each ending with a newline. */
    String render() {
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                out.append(r[i]);
                if (i < columns - 1) {
                    out.append(" ".repeat(widths[i] - r[i].length())).append(GAP);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
