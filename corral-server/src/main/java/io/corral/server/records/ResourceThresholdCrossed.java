package io.corral.server.records;

/**
 * A node's metric went above its workspace's threshold ({@code exceeded}) or fell back below the
 * threshold minus the hysteresis (not {@code exceeded}).
 *
 * @param metric           {@code cpu}, {@code memory} or {@code disk}
 * @param valuePercent     the sample that crossed
 * @param thresholdPercent the threshold in force
 */
public record ResourceThresholdCrossed(String nodeId, String metric, boolean exceeded, double valuePercent,
                                       double thresholdPercent, long atMs, String actor) implements TelemetryRecord {
}
