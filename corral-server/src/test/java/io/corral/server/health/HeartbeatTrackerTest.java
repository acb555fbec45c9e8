package io.corral.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatTrackerTest {

    @Test
    void theLatestBeatOfEachNodeIsKeptWithItsMetrics() {
        HeartbeatTracker beats = new HeartbeatTracker();
        assertThat(beats.last("a")).isNull();
        beats.record("a", 1_000, Map.of("cpu_percent", 10));
        beats.record("b", 1_500, null);
        beats.record("a", 2_000, Map.of("cpu_percent", 20));

        assertThat(beats.last("a")).isEqualTo(new HeartbeatTracker.Beat(2_000, Map.of("cpu_percent", 20)));
        assertThat(beats.last("b")).isEqualTo(new HeartbeatTracker.Beat(1_500, Map.of()));
        assertThat(beats.receivedTotal()).isEqualTo(3);
    }

    @Test
    void aForgottenNodeHasNoBeatUntilItBeatsAgain() {
        HeartbeatTracker beats = new HeartbeatTracker();
        beats.record("a", 1_000, Map.of());
        beats.record("b", 1_000, Map.of());
        beats.forget("a");
        assertThat(beats.last("a")).isNull();
        assertThat(beats.last("b")).isNotNull();

        beats.record("a", 3_000, Map.of("load_1m", 0.5));
        assertThat(beats.last("a")).isEqualTo(new HeartbeatTracker.Beat(3_000, Map.of("load_1m", 0.5)));
    }
}
