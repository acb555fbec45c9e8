package io.corral.server.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats epoch milliseconds as RFC 3339 UTC with millisecond precision ({@code 2024-01-15T10:30:00.000Z},
 * null for 0 and negative values), exactly as the pattern {@link #FORMATTER} would, but without it up to
 * the year 9999: the date comes from {@link LocalDate#ofEpochDay}, the rest from arithmetic. Stateless;
 * {@link Json#time} is this function, and {@link SmallJson#timeField} writes the same text as bytes.
 */
public final class Rfc3339 {
    /** Characters in a time {@link #write} writes, e.g. {@code 2024-01-15T10:30:00.000Z}. */
    static final int LENGTH = 24;
    private static final long MS_PER_DAY = 86_400_000L;
    /** The pattern this class writes; used as is from the year 10000 on, where the year has more digits. */
    static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** 10000-01-01T00:00:00Z: from here on the year needs more than four digits. */
    private static final long YEAR_10000_MS = 253_402_300_800_000L;

    private Rfc3339() {
    }

    public static String format(long epochMs) {
        if (epochMs <= 0) {
            return null;
        }
        if (epochMs >= YEAR_10000_MS) {
            return FORMATTER.format(Instant.ofEpochMilli(epochMs));
        }
        byte[] text = new byte[LENGTH];
        write(epochMs, text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Whether {@link #write} can write {@code epochMs}: from just after the epoch to before the year 10000. */
    static boolean writable(long epochMs) {
        return epochMs > 0 && epochMs < YEAR_10000_MS;
    }

    /**
     * Writes what {@link #format} returns for {@code epochMs}, as {@link #LENGTH} ASCII bytes at {@code at}
     * of {@code out}; only for a {@link #writable} time.
     */
    static void write(long epochMs, byte[] out, int at) {
        LocalDate date = LocalDate.ofEpochDay(epochMs / MS_PER_DAY);
        int msOfDay = (int) (epochMs % MS_PER_DAY);
        digits(out, at, date.getYear(), 4);
        out[at + 4] = '-';
        digits(out, at + 5, date.getMonthValue(), 2);
        out[at + 7] = '-';
        digits(out, at + 8, date.getDayOfMonth(), 2);
        out[at + 10] = 'T';
        digits(out, at + 11, msOfDay / 3_600_000, 2);
        out[at + 13] = ':';
        digits(out, at + 14, msOfDay / 60_000 % 60, 2);
        out[at + 16] = ':';
        digits(out, at + 17, msOfDay / 1000 % 60, 2);
        out[at + 19] = '.';
        digits(out, at + 20, msOfDay % 1000, 3);
        out[at + 23] = 'Z';
    }

    private static void digits(byte[] out, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }
}
