package io.corral.server.policies.placement;

import java.util.List;
import java.util.Map;

/**
 * A sharded resource to place: {@code partitions} shards of {@code replicationFactor} replicas each.
 *
 * @param nodeSelector      labels a node must have (all of them) to hold a replica
 * @param spreadZones       never put two replicas of a shard in one zone when enough zones allow
 * @param minActiveReplicas when a shard has fewer replicas than this on ACCEPT nodes, its replicas on
 *                          KEEP nodes are replaced at once instead of waiting for the delay
 */
public record PlacementResource(String id, int partitions, int replicationFactor, Map<String, String> nodeSelector,
                                List<Toleration> tolerations, boolean spreadZones, int minActiveReplicas) {
}
