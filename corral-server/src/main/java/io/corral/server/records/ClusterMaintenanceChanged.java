package io.corral.server.records;

import io.corral.server.domain.ClusterMaintenance;

/** Cluster maintenance mode was entered ({@code maintenance} set) or left (null). */
public record ClusterMaintenanceChanged(ClusterMaintenance maintenance, long atMs, String actor) implements Record {
}
