package io.corral.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast formatter writes exactly what its pattern, formatted by java.time, writes. */
class Rfc3339Test {

    @Test
    void formatsEdgesAsJsonTimeDoes() {
        long[] edges = {-5, 0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
            1_705_314_600_000L, 4_102_444_799_999L, 253_402_300_799_999L, 253_402_300_800_000L,
            253_402_300_800_001L, Long.MAX_VALUE / 1000, 951_868_799_999L, 4_107_456_000_000L /* 2100-02-28 */,
            4_107_542_400_000L, Long.MAX_VALUE};
        for (long ms : edges) {
            assertThat(Rfc3339.format(ms)).as("%d", ms).isEqualTo(reference(ms));
        }
        assertThat(Rfc3339.format(951_782_400_000L)).isEqualTo("2000-02-29T00:00:00.000Z");
    }

    @Test
    void formatsRandomInstantsAsJsonTimeDoes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long ms = random.nextLong(1, 300_000_000_000_000L);
            assertThat(Rfc3339.format(ms)).isEqualTo(reference(ms));
        }
    }

    /** The java.time formatting of the pattern, null for 0 and negative values. */
    private static String reference(long ms) {
        return ms <= 0 ? null : Rfc3339.FORMATTER.format(Instant.ofEpochMilli(ms));
    }
}
