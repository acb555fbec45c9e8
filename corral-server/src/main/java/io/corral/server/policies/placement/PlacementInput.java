package io.corral.server.policies.placement;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything placement needs: the nodes, the resources, the current assignment (node ids per shard,
 * leader first; shards absent from it have no replicas yet) and the load bound {@code epsilon} (finite,
 * {@code >= 0}): no node may hold more than {@code ceil((1 + epsilon) * its weighted share)} replicas, and
 * placement aims at no fewer than {@code floor((1 - epsilon) * share)}; {@link HierarchicalPlacement} and {@link LoadShares} define the shares.
 * The order of the lists and of the map does not matter.
 */
public record PlacementInput(List<PlacementNode> nodes, List<PlacementResource> resources,
                             Map<ShardRef, List<String>> current, double epsilon) {

    /** The ids of the nodes that may receive new replicas ({@link NodeMode#ACCEPT}). */
    public Set<String> acceptingNodeIds() {
        Set<String> ids = new HashSet<>();
        for (PlacementNode n : nodes) {
            if (n.mode() == NodeMode.ACCEPT) {
                ids.add(n.id());
            }
        }
        return ids;
    }
}
