package io.corral.server.domain;

import java.util.regex.Pattern;

/**
 * The node id alphabet: 1 to 128 characters from {@code A-Z a-z 0-9 . _ : -}, starting with a letter
 * or digit. This admits seed 000's u64 numbers, seed 001's UUIDs, seed 002's {@code node-123} and
 * Valkey's 40-hex ids, and keeps ids safe in URL paths, file names and log lines.
 */
public final class NodeIds {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern U64 = Pattern.compile("0|[1-9][0-9]{0,19}");

    private NodeIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Whether {@code id} is the canonical decimal form of an unsigned 64-bit number. */
    public static boolean isU64(String id) {
        if (id == null || !U64.matcher(id).matches()) {
            return false;
        }
        try {
            Long.parseUnsignedLong(id);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static String describeRule() {
        return "1-128 characters from A-Z a-z 0-9 . _ : - starting with a letter or digit";
    }
}
