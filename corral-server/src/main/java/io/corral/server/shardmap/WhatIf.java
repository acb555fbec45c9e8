package io.corral.server.shardmap;

import io.corral.server.policies.placement.PlacementNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hypothetical changes for a what-if plan: nodes added (as active), removed (gone, their replicas
 * must move), disabled (keep their replicas, receive none), zones down (every node there is treated as
 * gone), and resource settings overridden ({@code partitions}, {@code replication_factor}).
 */
public record WhatIf(List<PlacementNode> addNodes, Set<String> removeNodes, Set<String> disableNodes,
                     Set<String> zonesDown, Map<String, ResourceOverride> resources) {
    public static final WhatIf NONE = new WhatIf(List.of(), Set.of(), Set.of(), Set.of(), Map.of());

    /** New values for a resource's settings; null fields keep the current value. */
    public record ResourceOverride(Integer partitions, Integer replicationFactor) {
    }
}
