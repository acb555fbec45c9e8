package io.corral.server.http;

import java.nio.charset.StandardCharsets;

/**
 * Builds a small, flat-ish JSON document as text, for hot paths where even a Jackson generator costs
 * too much. It writes exactly what {@link Json#MAPPER} writes for the same values, as long as every
 * string is plain (printable ASCII without {@code "} or {@code \}); {@link #plain} tells, and callers fall
 * back to {@link JsonOut} otherwise. Not thread-safe; one instance per document.
 */
public final class SmallJson {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    /** Whether {@code s} (null allowed) can be written by this class as Jackson would write it. */
    public static boolean plain(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    public SmallJson startObject() {
        out.append('{');
        first = true;
        return this;
    }

    /** Starts an object-valued field. */
    public SmallJson startObject(String name) {
        name(name);
        return startObject();
    }

    public SmallJson endObject() {
        out.append('}');
        first = false;
        return this;
    }

    /** A string field ({@code null} for a null value); the value must be {@link #plain}. */
    public SmallJson field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            out.append('"').append(value).append('"');
        }
        return this;
    }

    public SmallJson field(String name, boolean value) {
        name(name);
        out.append(value);
        return this;
    }

    public SmallJson field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    public SmallJson field(String name, double value) {
        name(name);
        out.append(value);
        return this;
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        out.append('"').append(name).append("\":");
    }

    public byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
