package io.corral.server.telemetry;

import java.util.Map;

/**
 * The numbers Corral understands in a heartbeat's metrics. Native names come first
 * ({@code cpu_percent}, {@code memory_used_bytes}, {@code memory_total_bytes}, {@code disk_used_bytes},
 * {@code disk_total_bytes}, {@code load_1m}, {@code network_in_bytes_per_second},
 * {@code network_out_bytes_per_second}, {@code connections}, {@code cpu_cores}, {@code uptime_seconds});
 * seed 001's {@code load}, {@code memory} (a fraction) and seed 002's {@code cpu_percentage},
 * {@code memory_percentage}, {@code storage_percentage}, {@code network_in_mbps} and
 * {@code network_out_mbps} are understood too. Percentages missing from a sample are derived from
 * used and total bytes. Anything not a finite non-negative number reads as absent.
 */
public record HostSample(double[] series, double memoryUsedBytes, double memoryTotalBytes, double diskUsedBytes,
                         double diskTotalBytes, double cpuCores, double uptimeSeconds) {

    private static final double BYTES_PER_MEGABIT = 125_000.0;

    public static HostSample from(Map<String, Object> m) {
        Map<String, Object> metrics = m == null ? Map.of() : m;
        double memUsed = num(metrics, "memory_used_bytes");
        double memTotal = num(metrics, "memory_total_bytes");
        double diskUsed = num(metrics, "disk_used_bytes");
        double diskTotal = num(metrics, "disk_total_bytes");
        double[] s = new double[SeriesMetric.COUNT];
        s[SeriesMetric.CPU_PERCENT.ordinal()] = first(num(metrics, "cpu_percent"), num(metrics, "cpu_percentage"),
                fraction(num(metrics, "cpu")));
        s[SeriesMetric.MEMORY_PERCENT.ordinal()] = first(num(metrics, "memory_percent"),
                num(metrics, "memory_percentage"), fraction(num(metrics, "memory")), ratio(memUsed, memTotal));
        s[SeriesMetric.DISK_PERCENT.ordinal()] = first(num(metrics, "disk_percent"), num(metrics, "storage_percentage"),
                ratio(diskUsed, diskTotal));
        s[SeriesMetric.LOAD_1M.ordinal()] = first(num(metrics, "load_1m"), num(metrics, "load"));
        s[SeriesMetric.NETWORK_IN_BYTES_PER_SECOND.ordinal()] = first(num(metrics, "network_in_bytes_per_second"),
                num(metrics, "network_in_mbps") * BYTES_PER_MEGABIT);
        s[SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND.ordinal()] = first(num(metrics, "network_out_bytes_per_second"),
                num(metrics, "network_out_mbps") * BYTES_PER_MEGABIT);
        s[SeriesMetric.CONNECTIONS.ordinal()] = num(metrics, "connections");
        return new HostSample(s, memUsed, memTotal, diskUsed, diskTotal, num(metrics, "cpu_cores"),
                num(metrics, "uptime_seconds"));
    }

    /** The value of {@code metric}, NaN when the sample lacks it. */
    public double get(SeriesMetric metric) {
        return series[metric.ordinal()];
    }

    /** The value of a numeric metric at {@code key}, NaN when absent or not a finite non-negative number. */
    public static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d >= 0 ? d : Double.NaN;
        }
        return Double.NaN;
    }

    private static double first(double... candidates) {
        for (double c : candidates) {
            if (!Double.isNaN(c)) {
                return c;
            }
        }
        return Double.NaN;
    }

    /** A 0..1 fraction as a percentage; a value above 1 is taken to be a percentage already. */
    private static double fraction(double v) {
        return Double.isNaN(v) ? v : v <= 1.0 ? v * 100.0 : Math.min(v, 100.0);
    }

    private static double ratio(double used, double total) {
        return Double.isNaN(used) || Double.isNaN(total) || total <= 0 ? Double.NaN : Math.min(100.0, 100.0 * used / total);
    }
}
