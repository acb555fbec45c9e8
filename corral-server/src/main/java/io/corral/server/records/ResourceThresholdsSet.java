package io.corral.server.records;

import io.corral.server.domain.ResourceThresholds;

/** A workspace's resource thresholds were set. */
public record ResourceThresholdsSet(String workspace, ResourceThresholds thresholds, long atMs, String actor)
        implements TelemetryRecord {
}
