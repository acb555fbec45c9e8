package io.corral.cli;

import java.util.ArrayList;
import java.util.List;

/** One item as {@code key: value} lines with the values aligned; a null or empty value prints as {@code -}. */
final class Details {
    private final List<String[]> lines = new ArrayList<>();

    Details add(String key, String value) {
        lines.add(new String[] {key + ":", value == null || value.isEmpty() ? "-" : value});
        return this;
    }

    String render() {
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] l : lines) {
            out.append(l[0]).append(" ".repeat(width - l[0].length() + 2)).append(l[1]).append('\n');
        }
        return out.toString();
    }
}
