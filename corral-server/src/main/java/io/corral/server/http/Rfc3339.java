package io.corral.server.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats epoch milliseconds as RFC 3339 UTC with millisecond precision ({@code 2024-01-15T10:30:00.000Z},
 * null for 0 and negative values), exactly as the pattern {@link #FORMATTER} would, but without it up to
 * the year 9999: the date comes from {@link LocalDate#ofEpochDay}, the rest from arithmetic. Stateless;
 * {@link Json#time} is this function.
 */
public final class Rfc3339 {
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
        LocalDate date = LocalDate.ofEpochDay(epochMs / MS_PER_DAY);
        int msOfDay = (int) (epochMs % MS_PER_DAY);
        char[] c = new char[24];
        digits(c, 0, date.getYear(), 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, msOfDay / 3_600_000, 2);
        c[13] = ':';
        digits(c, 14, msOfDay / 60_000 % 60, 2);
        c[16] = ':';
        digits(c, 17, msOfDay / 1000 % 60, 2);
        c[19] = '.';
        digits(c, 20, msOfDay % 1000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
