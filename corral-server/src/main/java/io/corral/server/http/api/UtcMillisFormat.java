package io.corral.server.http.api;

import io.corral.server.http.Json;

/**
 * Formats epoch milliseconds exactly like {@link Json#time} ({@code 2024-01-15T10:30:00.000Z}, null for
 * 0 and negative values) without a {@link java.time.format.DateTimeFormatter}: a few integer
 * operations into a 24-character array. Years outside 1..9999 fall back to {@link Json#time}.
 */
final class UtcMillisFormat {
    private static final long MS_PER_DAY = 86_400_000L;
    /** 10000-01-01T00:00:00Z: from here on years need five digits. */
    private static final long YEAR_10000_MS = 253_402_300_800_000L;

    private UtcMillisFormat() {
    }

    static String format(long epochMs) {
        if (epochMs <= 0 || epochMs >= YEAR_10000_MS) {
            return Json.time(epochMs);
        }
        long days = epochMs / MS_PER_DAY;
        int msOfDay = (int) (epochMs % MS_PER_DAY);
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm; epochMs > 0 so days >= 0).
        long z = days + 719_468;
        long era = z / 146_097;
        int doe = (int) (z - era * 146_097);
        int yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int day = doy - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yoe + era * 400) + (month <= 2 ? 1 : 0);

        char[] c = new char[24];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, month, 2);
        c[7] = '-';
        put(c, 8, day, 2);
        c[10] = 'T';
        put(c, 11, msOfDay / 3_600_000, 2);
        c[13] = ':';
        put(c, 14, msOfDay / 60_000 % 60, 2);
        c[16] = ':';
        put(c, 17, msOfDay / 1000 % 60, 2);
        c[19] = '.';
        put(c, 20, msOfDay % 1000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int digits) {
        for (int i = at + digits - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
