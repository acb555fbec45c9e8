package io.corral.jmh;

import io.corral.server.policies.placement.NodeMode;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementNode;
import io.corral.server.policies.placement.PlacementResource;
import io.corral.server.policies.placement.ShardRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark cluster: {@code nodes} equal nodes named {@code node-0000}.. spread round-robin over
 * {@code zones} zones, one resource of {@code shards} shards with {@code replicationFactor} replicas and
 * zone spread; and the inputs derived from it (one node evacuated, one node joined).
 */
public final class PlacementScenario {
    public final List<PlacementNode> nodes;
    public final List<PlacementResource> resources;
    public final double epsilon;

    public PlacementScenario(int nodeCount, int zones, int shards, int replicationFactor, double epsilon) {
        List<PlacementNode> list = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            list.add(node(String.format("node-%04d", i), "zone-" + (i % zones), NodeMode.ACCEPT));
        }
        this.nodes = List.copyOf(list);
        this.resources = List.of(new PlacementResource("table", shards, replicationFactor, Map.of(), List.of(), true, 0));
        this.epsilon = epsilon;
    }

    /** The 1,000,002-replica case of the performance goal: 333,334 shards x 3 on 1,000 nodes in 10 zones. */
    public static PlacementScenario goal(double epsilon) {
        return new PlacementScenario(1000, 10, 333_334, 3, epsilon);
    }

    private static PlacementNode node(String id, String zone, NodeMode mode) {
        return new PlacementNode(id, zone, 1.0, Map.of(), List.of(), mode);
    }

    public PlacementInput fresh() {
        return new PlacementInput(nodes, resources, Map.of(), epsilon);
    }

    /** The cluster with node {@code index} in EVACUATE mode, from {@code current}. */
    public PlacementInput evacuate(int index, Map<ShardRef, List<String>> current) {
        List<PlacementNode> changed = new ArrayList<>(nodes);
        PlacementNode n = nodes.get(index);
        changed.set(index, node(n.id(), n.zone(), NodeMode.EVACUATE));
        return new PlacementInput(changed, resources, current, epsilon);
    }

    /** The cluster with one more node, {@code node-new} in {@code zone-3}, from {@code current}. */
    public PlacementInput join(Map<ShardRef, List<String>> current) {
        List<PlacementNode> changed = new ArrayList<>(nodes);
        changed.add(node("node-new", "zone-3", NodeMode.ACCEPT));
        return new PlacementInput(changed, resources, current, epsilon);
    }
}
