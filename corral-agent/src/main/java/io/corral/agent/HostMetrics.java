package io.corral.agent;

import java.util.Map;

/**
 * A source of host metrics, sampled once per heartbeat. Keys and units are those the coordinator
 * understands: {@code cpu_percent}, {@code cpu_cores}, {@code load_1m}/{@code load_5m}/{@code load_15m},
 * {@code memory_used_bytes}, {@code memory_total_bytes}, {@code disk_used_bytes}, {@code disk_total_bytes},
 * {@code network_in_bytes_per_second}, {@code network_out_bytes_per_second}, {@code connections},
 * {@code uptime_seconds}. A source leaves out what it cannot measure.
 */
@FunctionalInterface
public interface HostMetrics {
    Map<String, Object> sample();
}
