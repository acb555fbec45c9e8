package io.corral.server.policies.placement;

import java.util.List;
import java.util.Map;

/**
 * Everything placement needs: the nodes, the resources, the current assignment (node ids per shard,
 * leader first; shards absent from it have no replicas yet) and the load bound {@code epsilon}: no
 * node may hold more than {@code ceil((1 + epsilon) * its weighted share)} replicas.
 */
public record PlacementInput(List<PlacementNode> nodes, List<PlacementResource> resources,
                             Map<ShardRef, List<String>> current, double epsilon) {
}
