package io.corral.server.policies.placement;

import java.util.List;
import java.util.Map;

/**
 * The target assignment (node ids per shard, leader first, for every shard of every resource), the
 * moves from the current assignment to it, its figures, and warnings a person should read (e.g. a
 * shard below its replication factor for lack of eligible nodes).
 */
public record PlacementResult(Map<ShardRef, List<String>> assignment, List<ReplicaMove> moves,
                              PlacementStats stats, List<String> warnings) {
}
