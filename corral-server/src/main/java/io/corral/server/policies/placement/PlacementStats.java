package io.corral.server.policies.placement;

/**
 * Figures of a placement: {@code replicas} placed, {@code moved} replicas whose node changed (adds and
 * drops included), {@code leaderChanges}, {@code maxOverAvgLoad} (max load / average load over ACCEPT
 * nodes, weighted by node weight), {@code unplaced} replicas that found no eligible node.
 */
public record PlacementStats(int replicas, int moved, int leaderChanges, double maxOverAvgLoad, int unplaced) {
}
