package io.corral.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a small, flat-ish JSON document as text, for hot paths where even a Jackson generator costs
 * too much. It writes exactly what {@link Json#MAPPER} writes for the same values, as long as every
 * string is plain (printable ASCII without {@code "} or {@code \}); {@link #plain} tells, and callers fall
 * back to {@link JsonOut} otherwise. Not thread-safe; one instance per document.
 */
public final class SmallJson {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** Digits of {@link Long#MAX_VALUE}. */
    private static final int MAX_LONG_DIGITS = 19;

    /** The document so far, written straight as ASCII bytes (no text builder, no copy to bytes at the end). */
    private byte[] out = new byte[256];
    private int length;
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
        put('{');
        first = true;
        return this;
    }

    /** Starts an object-valued field. */
    public SmallJson startObject(String name) {
        name(name);
        return startObject();
    }

    public SmallJson endObject() {
        put('}');
        first = false;
        return this;
    }

    /** A string field ({@code null} for a null value); the value must be {@link #plain}. */
    public SmallJson field(String name, String value) {
        name(name);
        if (value == null) {
            put(NULL);
        } else {
            put('"');
            put(value);
            put('"');
        }
        return this;
    }

    /**
     * A time field: {@code epochMs} as {@link Json#time} writes it (RFC 3339, null for 0 and negative
     * values), written straight into the document.
     */
    public SmallJson timeField(String name, long epochMs) {
        if (!Rfc3339.writable(epochMs)) {
            return field(name, Json.time(epochMs));
        }
        name(name);
        room(Rfc3339.LENGTH + 2);
        out[length++] = '"';
        Rfc3339.write(epochMs, out, length);
        length += Rfc3339.LENGTH;
        out[length++] = '"';
        return this;
    }

    public SmallJson field(String name, boolean value) {
        name(name);
        put(value ? TRUE : FALSE);
        return this;
    }

    public SmallJson field(String name, long value) {
        name(name);
        putDecimal(value);
        return this;
    }

    public SmallJson field(String name, double value) {
        name(name);
        put(Double.toString(value));
        return this;
    }

    private void name(String name) {
        if (!first) {
            put(',');
        }
        first = false;
        put('"');
        put(name);
        put('"');
        put(':');
    }

    /** {@code value} in decimal, as {@link Long#toString(long)} writes it. */
    private void putDecimal(long value) {
        if (value == Long.MIN_VALUE) {
            put(LONG_MIN); // has no positive counterpart
            return;
        }
        long v = value;
        if (v < 0) {
            put('-');
            v = -v;
        }
        // Digits are written backwards into the spare room after the document, then moved into place.
        room(2 * MAX_LONG_DIGITS);
        int end = length + 2 * MAX_LONG_DIGITS;
        int at = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 10;
            out[--at] = (byte) ('0' + (int) (v - q * 10));
            v = q;
        }
        int small = (int) v; // int arithmetic for the rest: cheaper than long division
        do {
            int q = small / 10;
            out[--at] = (byte) ('0' + (small - q * 10));
            small = q;
        } while (small != 0);
        System.arraycopy(out, at, out, length, end - at);
        length += end - at;
    }

    /** Appends a string of ASCII characters, one byte each. */
    private void put(String ascii) {
        int n = ascii.length();
        room(n);
        for (int i = 0; i < n; i++) {
            out[length + i] = (byte) ascii.charAt(i);
        }
        length += n;
    }

    private void put(byte[] ascii) {
        room(ascii.length);
        System.arraycopy(ascii, 0, out, length, ascii.length);
        length += ascii.length;
    }

    private void put(char c) {
        room(1);
        out[length++] = (byte) c;
    }

    private void room(int bytes) {
        if (length + bytes > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, length + bytes));
        }
    }

    public byte[] bytes() {
        return Arrays.copyOf(out, length);
    }
}
