package io.corral.server.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the autoscale signal comes from in a heartbeat's metrics. */
class LoadReaderTest {

    @Test
    void aPlainNameIsATopLevelNumberElseAnApplicationMetric() {
        assertThat(LoadReader.value(Map.of("keys", 1200), "keys")).isEqualTo(1200.0);
        assertThat(LoadReader.value(Map.of("app", Map.of("points", 7.5)), "points")).isEqualTo(7.5);
        assertThat(LoadReader.value(Map.of("keys", 3, "app", Map.of("keys", 9)), "keys")).isEqualTo(3.0);
    }

    @Test
    void hostMetricsUseTheirAliasesAndDerivations() {
        assertThat(LoadReader.value(Map.of("cpu_percentage", 42), "cpu_percent")).isEqualTo(42.0);
        assertThat(LoadReader.value(Map.of("memory_used_bytes", 3_000, "memory_total_bytes", 4_000),
                "memory_percent")).isEqualTo(75.0);
    }

    @Test
    void anythingElseIsAbsent() {
        assertThat(LoadReader.value(Map.of(), "keys")).isNaN();
        assertThat(LoadReader.value(Map.of("keys", "many"), "keys")).isNaN();
        assertThat(LoadReader.value(Map.of("keys", -1), "keys")).isNaN();
        assertThat(LoadReader.value(Map.of("app", "x"), "keys")).isNaN();
        assertThat(LoadReader.value(Map.of("cpu_percent", Double.NaN), "cpu_percent")).isNaN();
    }
}
