package io.corral.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.http.Json;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The cheap timestamp formatter writes exactly what {@link Json#time} writes. */
class UtcMillisFormatTest {

    @Test
    void edgesAndLeapDaysMatchTheJavaTimeFormatter() {
        long[] edges = {-1, 0, 1, 999, 1000, 86_399_999, 86_400_000, 951_782_400_000L /* 2000-02-29 */,
                951_868_799_999L, 4_107_456_000_000L /* 2100-02-28 */, 4_107_542_400_000L, 1_700_000_000_123L,
                253_402_300_799_999L /* 9999-12-31T23:59:59.999Z */, 253_402_300_800_000L, Long.MAX_VALUE};
        for (long ms : edges) {
            assertThat(UtcMillisFormat.format(ms)).as("%d", ms).isEqualTo(Json.time(ms));
        }
        assertThat(UtcMillisFormat.format(951_782_400_000L)).isEqualTo("2000-02-29T00:00:00.000Z");
    }

    @Test
    void randomInstantsMatchTheJavaTimeFormatter() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long ms = random.nextLong(1, 253_402_300_800_000L);
            assertThat(UtcMillisFormat.format(ms)).isEqualTo(Json.time(ms));
        }
    }
}
