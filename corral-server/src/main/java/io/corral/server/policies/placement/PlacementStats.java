package io.corral.server.policies.placement;

/**
 * Figures of a placement: {@code replicas} placed, {@code moved} replicas whose node changed (adds and
 * drops included: the number of {@link ReplicaMove}s, a move from one node to another counting once),
 * {@code leaderChanges} (shards that had replicas before and after, whose first node changed),
 * {@code maxOverAvgLoad} (max load / average load over ACCEPT nodes, weighted by node weight: the largest
 * {@code replicas on n / weight of n} divided by {@code all replicas on ACCEPT nodes / their total weight}),
 * {@code unplaced} replicas that found no eligible node (replication factor minus replicas, over all shards).
 */
public record PlacementStats(int replicas, int moved, int leaderChanges, double maxOverAvgLoad, int unplaced) {
}
