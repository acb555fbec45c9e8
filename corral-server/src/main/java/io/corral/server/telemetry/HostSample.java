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

    /**
     * Reads a heartbeat's metrics map. One pass over the map's entries (a heartbeat carries a handful),
     * so the cost does not grow with the number of names Corral understands.
     */
    public static HostSample from(Map<String, Object> m) {
        double[] raw = new double[Key.COUNT];
        java.util.Arrays.fill(raw, Double.NaN);
        if (m != null) {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                int k = Key.indexOf(e.getKey());
                if (k >= 0) {
                    raw[k] = number(e.getValue());
                }
            }
        }
        double memUsed = raw[Key.MEMORY_USED_BYTES];
        double memTotal = raw[Key.MEMORY_TOTAL_BYTES];
        double diskUsed = raw[Key.DISK_USED_BYTES];
        double diskTotal = raw[Key.DISK_TOTAL_BYTES];
        double[] s = new double[SeriesMetric.COUNT];
        s[SeriesMetric.CPU_PERCENT.ordinal()] = first(raw[Key.CPU_PERCENT], raw[Key.CPU_PERCENTAGE],
                fraction(raw[Key.CPU]));
        s[SeriesMetric.MEMORY_PERCENT.ordinal()] = first(first(raw[Key.MEMORY_PERCENT], raw[Key.MEMORY_PERCENTAGE],
                fraction(raw[Key.MEMORY])), ratio(memUsed, memTotal));
        s[SeriesMetric.DISK_PERCENT.ordinal()] = first(raw[Key.DISK_PERCENT], raw[Key.STORAGE_PERCENTAGE],
                ratio(diskUsed, diskTotal));
        s[SeriesMetric.LOAD_1M.ordinal()] = first(raw[Key.LOAD_1M], raw[Key.LOAD]);
        s[SeriesMetric.NETWORK_IN_BYTES_PER_SECOND.ordinal()] = first(raw[Key.NETWORK_IN_BYTES_PER_SECOND],
                raw[Key.NETWORK_IN_MBPS] * BYTES_PER_MEGABIT);
        s[SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND.ordinal()] = first(raw[Key.NETWORK_OUT_BYTES_PER_SECOND],
                raw[Key.NETWORK_OUT_MBPS] * BYTES_PER_MEGABIT);
        s[SeriesMetric.CONNECTIONS.ordinal()] = raw[Key.CONNECTIONS];
        return new HostSample(s, memUsed, memTotal, diskUsed, diskTotal, raw[Key.CPU_CORES], raw[Key.UPTIME_SECONDS]);
    }

    /** The heartbeat keys {@link #from} reads, as indexes into its scratch array. */
    private static final class Key {
        static final int CPU_PERCENT = 0;
        static final int CPU_PERCENTAGE = 1;
        static final int CPU = 2;
        static final int MEMORY_PERCENT = 3;
        static final int MEMORY_PERCENTAGE = 4;
        static final int MEMORY = 5;
        static final int MEMORY_USED_BYTES = 6;
        static final int MEMORY_TOTAL_BYTES = 7;
        static final int DISK_PERCENT = 8;
        static final int STORAGE_PERCENTAGE = 9;
        static final int DISK_USED_BYTES = 10;
        static final int DISK_TOTAL_BYTES = 11;
        static final int LOAD_1M = 12;
        static final int LOAD = 13;
        static final int NETWORK_IN_BYTES_PER_SECOND = 14;
        static final int NETWORK_IN_MBPS = 15;
        static final int NETWORK_OUT_BYTES_PER_SECOND = 16;
        static final int NETWORK_OUT_MBPS = 17;
        static final int CONNECTIONS = 18;
        static final int CPU_CORES = 19;
        static final int UPTIME_SECONDS = 20;
        static final int COUNT = 21;

        /** The index of heartbeat key {@code name}, -1 for a key {@link #from} does not read. */
        static int indexOf(String name) {
            switch (name) {
                case "cpu_percent": return CPU_PERCENT;
                case "cpu_percentage": return CPU_PERCENTAGE;
                case "cpu": return CPU;
                case "memory_percent": return MEMORY_PERCENT;
                case "memory_percentage": return MEMORY_PERCENTAGE;
                case "memory": return MEMORY;
                case "memory_used_bytes": return MEMORY_USED_BYTES;
                case "memory_total_bytes": return MEMORY_TOTAL_BYTES;
                case "disk_percent": return DISK_PERCENT;
                case "storage_percentage": return STORAGE_PERCENTAGE;
                case "disk_used_bytes": return DISK_USED_BYTES;
                case "disk_total_bytes": return DISK_TOTAL_BYTES;
                case "load_1m": return LOAD_1M;
                case "load": return LOAD;
                case "network_in_bytes_per_second": return NETWORK_IN_BYTES_PER_SECOND;
                case "network_in_mbps": return NETWORK_IN_MBPS;
                case "network_out_bytes_per_second": return NETWORK_OUT_BYTES_PER_SECOND;
                case "network_out_mbps": return NETWORK_OUT_MBPS;
                case "connections": return CONNECTIONS;
                case "cpu_cores": return CPU_CORES;
                case "uptime_seconds": return UPTIME_SECONDS;
                default: return -1;
            }
        }
    }

    /** The value of {@code metric}, NaN when the sample lacks it. */
    public double get(SeriesMetric metric) {
        return series[metric.ordinal()];
    }

    /** The value of a numeric metric at {@code key}, NaN when absent or not a finite non-negative number. */
    public static double num(Map<String, Object> m, String key) {
        return number(m.get(key));
    }

    private static double number(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d >= 0 ? d : Double.NaN;
        }
        return Double.NaN;
    }

    private static double first(double a, double b) {
        return Double.isNaN(a) ? b : a;
    }

    private static double first(double a, double b, double c) {
        return Double.isNaN(a) ? first(b, c) : a;
    }

    /** A 0..1 fraction as a percentage; a value above 1 is taken to be a percentage already. */
    private static double fraction(double v) {
        return Double.isNaN(v) ? v : v <= 1.0 ? v * 100.0 : Math.min(v, 100.0);
    }

    private static double ratio(double used, double total) {
        return Double.isNaN(used) || Double.isNaN(total) || total <= 0 ? Double.NaN : Math.min(100.0, 100.0 * used / total);
    }
}
