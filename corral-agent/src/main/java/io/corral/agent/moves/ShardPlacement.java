package io.corral.agent.moves;

import java.util.Map;

/**
 * Where a shard's replicas are in one version of its resource's map: each replica's node id and URL
 * (null when the node registered none). Immutable.
 *
 * @param mapVersion the resource map's version this was read from
 */
public record ShardPlacement(long mapVersion, Map<String, String> replicaUrls) {
    public ShardPlacement {
        replicaUrls = Map.copyOf(replicaUrls);
    }

    public boolean holds(String nodeId) {
        return replicaUrls.containsKey(nodeId);
    }
}
