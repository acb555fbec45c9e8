package io.corral.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesWithJitterUpToTheMaximum() {
        Backoff b = new Backoff(250, 5_000, new Random(7));
        assertThat(b.delayMs(1)).isBetween(200L, 300L);
        assertThat(b.delayMs(2)).isBetween(400L, 600L);
        assertThat(b.delayMs(4)).isBetween(1_600L, 2_400L);
        for (int f = 6; f < 100; f++) {
            assertThat(b.delayMs(f)).isBetween(4_000L, 5_000L);
        }
    }
}
