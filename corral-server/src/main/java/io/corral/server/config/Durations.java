package io.corral.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 500ms}, {@code 1s}, {@code 30s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,12})(ms|s|m|h)?\\s*");

    private Durations() {
    }

    public static long parseMillis(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 1s, 30s, 2m, 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
        };
    }

    /** Formats milliseconds in the shortest exact unit. */
    public static String format(long ms) {
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
