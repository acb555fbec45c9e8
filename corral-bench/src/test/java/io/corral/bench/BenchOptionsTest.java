package io.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void heartbeatsUseOneConnectionPerNodeUnlessToldOtherwise() {
        assertThat(BenchOptions.parse(new String[] {"heartbeats"}).heartbeatConnections()).isEqualTo(1000);
        assertThat(BenchOptions.parse(new String[] {"heartbeats", "--heartbeat-nodes", "50"}).heartbeatConnections())
                .isEqualTo(50);
        assertThat(BenchOptions.parse(new String[] {"heartbeats", "--connections", "64"}).heartbeatConnections())
                .isEqualTo(64);
    }

    @Test
    void zeroConnectionsIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"heartbeats", "--connections", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--connections");
    }
}
