package io.corral.server.policies.placement;

import io.corral.server.domain.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small builders for placement tests. */
final class Clusters {
    private Clusters() {
    }

    static PlacementNode node(String id, String zone) {
        return new PlacementNode(id, zone, 1.0, Map.of(), List.of(), NodeMode.ACCEPT);
    }

    static PlacementNode node(String id, String zone, double weight, NodeMode mode) {
        return new PlacementNode(id, zone, weight, Map.of(), List.of(), mode);
    }

    static PlacementNode node(String id, String zone, Map<String, String> labels, List<Taint> taints) {
        return new PlacementNode(id, zone, 1.0, labels, taints, NodeMode.ACCEPT);
    }

    static PlacementNode withMode(PlacementNode n, NodeMode mode) {
        return new PlacementNode(n.id(), n.zone(), n.weight(), n.labels(), n.taints(), mode);
    }

    /** {@code count} nodes named node-000.. spread round-robin over {@code zones} zones (null zones when 0). */
    static List<PlacementNode> uniform(int count, int zones) {
        List<PlacementNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(node(String.format("node-%04d", i), zones == 0 ? null : "zone-" + (i % zones)));
        }
        return nodes;
    }

    static PlacementResource resource(String id, int partitions, int rf, boolean spread) {
        return new PlacementResource(id, partitions, rf, Map.of(), List.of(), spread, 0);
    }

    static PlacementInput input(List<PlacementNode> nodes, List<PlacementResource> resources,
                                Map<ShardRef, List<String>> current, double epsilon) {
        return new PlacementInput(nodes, resources, current, epsilon);
    }
}
