package io.corral.server.policies.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assertions and measurements over placement results, computed from the input and output only. */
final class Checks {
    private Checks() {
    }

    static Map<String, PlacementNode> byId(List<PlacementNode> nodes) {
        Map<String, PlacementNode> map = new HashMap<>();
        nodes.forEach(n -> map.put(n.id(), n));
        return map;
    }

    /** Replicas per node over all resources. */
    static Map<String, Integer> loads(Map<ShardRef, List<String>> assignment) {
        Map<String, Integer> loads = new HashMap<>();
        assignment.values().forEach(list -> list.forEach(n -> loads.merge(n, 1, Integer::sum)));
        return loads;
    }

    /** Replicas of one resource per node. */
    static Map<String, Integer> loads(Map<ShardRef, List<String>> assignment, String resourceId) {
        Map<String, Integer> loads = new HashMap<>();
        assignment.forEach((ref, list) -> {
            if (ref.resourceId().equals(resourceId)) {
                list.forEach(n -> loads.merge(n, 1, Integer::sum));
            }
        });
        return loads;
    }

    static void noDuplicateNodes(PlacementResult result) {
        result.assignment().forEach((ref, list) ->
                assertThat(new HashSet<>(list)).as("replicas of %s", ref).hasSize(list.size()));
    }

    static void distinctZones(PlacementResult result, List<PlacementNode> nodes, String resourceId) {
        Map<String, PlacementNode> byId = byId(nodes);
        result.assignment().forEach((ref, list) -> {
            if (!ref.resourceId().equals(resourceId)) {
                return;
            }
            Set<String> zones = new HashSet<>();
            for (String n : list) {
                String zone = byId.get(n).zone() == null ? "node:" + n : byId.get(n).zone();
                assertThat(zones.add(zone)).as("%s has two replicas in zone %s: %s", ref, zone, list).isTrue();
            }
        });
    }

    /** Number of (shard, node) pairs in {@code after} that were not in {@code before}. */
    static int added(Map<ShardRef, List<String>> before, Map<ShardRef, List<String>> after) {
        int added = 0;
        for (Map.Entry<ShardRef, List<String>> e : after.entrySet()) {
            List<String> old = before.getOrDefault(e.getKey(), List.of());
            for (String n : e.getValue()) {
                if (!old.contains(n)) {
                    added++;
                }
            }
        }
        return added;
    }

    /**
     * {@code current} with {@code moves} carried out as the coordinator does, one at a time: a move replaces
     * its source by its target in place (so the leader stays first), an add appends, a drop removes.
     */
    static Map<ShardRef, List<String>> applied(Map<ShardRef, List<String>> current, List<ReplicaMove> moves) {
        Map<ShardRef, List<String>> out = new HashMap<>();
        current.forEach((ref, list) -> out.put(ref, new java.util.ArrayList<>(list)));
        for (ReplicaMove m : moves) {
            List<String> list = out.computeIfAbsent(m.shard(), k -> new java.util.ArrayList<>());
            if (m.from() != null && m.to() != null) {
                list.set(list.indexOf(m.from()), m.to());
            } else if (m.to() != null) {
                list.add(m.to());
            } else {
                list.remove(m.from());
            }
        }
        return out;
    }
}
