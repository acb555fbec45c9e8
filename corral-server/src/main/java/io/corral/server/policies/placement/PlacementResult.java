package io.corral.server.policies.placement;

import java.util.List;
import java.util.Map;

/**
 * The target assignment (node ids per shard, leader first, for every shard of every resource), the
 * moves from the current assignment to it, its figures, and warnings a person should read (e.g. a
 * shard below its replication factor for lack of eligible nodes).
 *
 * <p>From {@link HierarchicalPlacement#place}, the assignment is an immutable, compact map iterated in shard order
 * (its lists are read-only views); passing it back unchanged as the next {@link PlacementInput#current()}
 * lets the next placement read it without hashing node ids. The moves are ordered by shard, and within
 * a shard replicas gone are paired in order with replicas added.
 */
public record PlacementResult(Map<ShardRef, List<String>> assignment, List<ReplicaMove> moves,
                              PlacementStats stats, List<String> warnings) {
}
