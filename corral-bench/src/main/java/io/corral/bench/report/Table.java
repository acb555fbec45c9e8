package io.corral.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A Markdown table built row by row. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this(List.of(headers));
    }

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table row(Object... cells) {
        return row(List.of(cells));
    }

    public Table row(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, headers);
        sb.append('|');
        headers.forEach(h -> sb.append("---|"));
        sb.append('\n');
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append('\n');
    }

    /** Thousands-separated integer rate, e.g. {@code 74,210}. */
    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** Milliseconds with two decimals, e.g. {@code 0.85}. */
    public static String ms(double millis) {
        return String.format(Locale.ROOT, "%.2f", millis);
    }

    public static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
