package io.corral.server.domain;

/** Cluster maintenance mode: while set, Corral moves no replicas on its own (leaders still fail over). */
public record ClusterMaintenance(String reason, String by, long sinceMs) {
}
