package io.corral.server.telemetry;

/**
 * The host metrics Corral keeps a history of, each under the heartbeat key a node reports it with.
 * Other reported values (bytes used and total, cores, uptime, application metrics) are kept as the
 * latest value only.
 */
public enum SeriesMetric {
    CPU_PERCENT("cpu_percent"),
    MEMORY_PERCENT("memory_percent"),
    DISK_PERCENT("disk_percent"),
    LOAD_1M("load_1m"),
    NETWORK_IN_BYTES_PER_SECOND("network_in_bytes_per_second"),
    NETWORK_OUT_BYTES_PER_SECOND("network_out_bytes_per_second"),
    CONNECTIONS("connections");

    static final int COUNT = values().length;
    private final String key;

    SeriesMetric(String key) {
        this.key = key;
    }

    /** The heartbeat metrics key, e.g. {@code cpu_percent}. */
    public String key() {
        return key;
    }
}
