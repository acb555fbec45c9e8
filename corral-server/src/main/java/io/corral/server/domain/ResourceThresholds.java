package io.corral.server.domain;

import java.util.Map;

/**
 * A workspace's resource alert levels, in percent of a node's capacity. A node whose latest sample of a
 * metric rises above its level raises {@code node.resource_threshold_exceeded}; it clears
 * ({@code node.resource_threshold_cleared}) only once the metric falls below the level minus
 * {@code hysteresisPercent}, so a value hovering at the level does not flap. A null level disables that metric.
 */
public record ResourceThresholds(Double cpuPercent, Double memoryPercent, Double diskPercent,
                                 double hysteresisPercent) {

    /** What a workspace has until an operator sets its own: 90 % for each, 5 points of hysteresis. */
    public static final ResourceThresholds DEFAULTS = new ResourceThresholds(90.0, 90.0, 90.0, 5.0);

    /** The metric names thresholds apply to, as they appear in records and events. */
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String DISK = "disk";

    public ResourceThresholds {
        check("cpu_percent", cpuPercent);
        check("memory_percent", memoryPercent);
        check("disk_percent", diskPercent);
        if (Double.isNaN(hysteresisPercent) || hysteresisPercent < 0 || hysteresisPercent > 50) {
            throw CorralException.invalid("hysteresis_percent", "hysteresis_percent must be 0-50, got "
                    + hysteresisPercent);
        }
    }

    private static void check(String field, Double v) {
        if (v != null && (v.isNaN() || v <= 0 || v > 100)) {
            throw CorralException.invalid(field, field + " must be > 0 and <= 100 (or null to disable), got " + v);
        }
    }

    /** The level for {@code metric} ({@link #CPU}, {@link #MEMORY}, {@link #DISK}), or null when disabled. */
    public Double levelOf(String metric) {
        return switch (metric) {
            case CPU -> cpuPercent;
            case MEMORY -> memoryPercent;
            case DISK -> diskPercent;
            default -> null;
        };
    }

    /** The levels by metric name, for iteration. */
    public Map<String, Double> levels() {
        java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(CPU, cpuPercent);
        m.put(MEMORY, memoryPercent);
        m.put(DISK, diskPercent);
        return m;
    }
}
