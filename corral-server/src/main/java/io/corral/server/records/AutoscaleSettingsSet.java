package io.corral.server.records;

import io.corral.server.domain.AutoscaleSettings;

/** A workspace's autoscale policy was set. */
public record AutoscaleSettingsSet(String workspace, AutoscaleSettings settings, long atMs, String actor)
        implements AutoscaleRecord {
}
