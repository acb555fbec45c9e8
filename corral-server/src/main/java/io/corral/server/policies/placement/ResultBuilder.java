package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the settled resources into a {@link PlacementResult}: the assignment (as an {@link AssignmentView}),
 * the moves from the input (per shard, replicas gone paired in order with replicas added, the rest plain
 * drops or adds; shards of no input resource are dropped), the stats and the warnings.
 */
final class ResultBuilder {
    private static final int EXAMPLES_PER_RESOURCE = 3;

    private ResultBuilder() {
    }

    static PlacementResult build(List<ResourceState> resourcesById, NodeIndex nodes, InputReader reader,
                                 KeptReplicas kept, Map<String, Map<Integer, Integer>> overBound, Loads loads) {
        List<ReplicaMove> moves = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int replicas = 0;
        int unplaced = 0;
        int leaderChanges = 0;
        int[] nodeLoad = new int[nodes.size()];
        int r = resourcesById.size();
        String[] ids = new String[r];
        int[] partitions = new int[r];
        int[] rfs = new int[r];
        int[][] slots = new int[r][];
        int[][] counts = new int[r][];
        for (int k = 0; k < r; k++) {
            ResourceState state = resourcesById.get(k);
            ids[k] = state.id;
            partitions[k] = state.partitions;
            rfs[k] = state.replicationFactor;
            slots[k] = state.slots;
            counts[k] = state.count;
            int below = 0;
            List<String> examples = new ArrayList<>();
            for (int p = 0; p < state.partitions; p++) {
                int count = state.count[p];
                replicas += count;
                for (int i = 0; i < count; i++) {
                    nodeLoad[state.slot(p, i)]++;
                }
                if (count < state.replicationFactor) {
                    unplaced += state.replicationFactor - count;
                    below++;
                    if (examples.size() < EXAMPLES_PER_RESOURCE) {
                        examples.add("resource " + state.id + " shard " + p + " has " + count + " of "
                                + state.replicationFactor + " replicas: not enough eligible nodes"
                                + (state.spread == SpreadMode.STRICT ? " in distinct zones" : ""));
                    }
                }
                leaderChanges += diff(state, p, reader, moves, nodes);
            }
            if (state.spread == SpreadMode.BEST_EFFORT && state.partitions > 0) {
                warnings.add("resource " + state.id + ": only " + state.memberZones + " zones have eligible nodes for "
                        + state.replicationFactor + " replicas per shard; zone spread is best effort");
            }
            warnings.addAll(examples);
            if (below > examples.size()) {
                warnings.add("resource " + state.id + ": " + below + " shards in all have fewer than "
                        + state.replicationFactor + " replicas");
            }
            Map<Integer, Integer> over = overBound.getOrDefault(state.id, Map.of());
            if (!over.isEmpty()) {
                StringBuilder sb = new StringBuilder("resource " + state.id + ": replicas placed above the load bound"
                        + " for lack of an eligible node with room:");
                over.forEach((n, c) -> sb.append(' ').append(nodes.ids[n]).append(" (+").append(c).append(')'));
                warnings.add(sb.toString());
            }
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (loads.load[n] > loads.cap[n]) {
                warnings.add("node " + nodes.ids[n] + " holds " + loads.load[n] + " replicas in all, above its load bound of "
                        + loads.cap[n] + ": no eligible node has room for them");
            }
        }
        Map<String, Integer> orphanShards = new TreeMap<>();
        for (Map.Entry<ShardRef, List<String>> e : reader.orphans.entrySet()) {
            List<String> seen = new ArrayList<>();
            for (String id : e.getValue()) {
                if (!seen.contains(id)) {
                    seen.add(id);
                    moves.add(new ReplicaMove(e.getKey(), id, null));
                }
            }
            orphanShards.merge(e.getKey().resourceId(), 1, Integer::sum);
        }
        orphanShards.forEach((id, n) -> warnings.add("resource " + id + ": " + n
                + " shards are not in the input resources (unknown resource or partition beyond the count);"
                + " their replicas are dropped"));
        if (kept.unknownNodeReplicas > 0) {
            String first = reader.unknownIds.stream().min(String::compareTo).orElse("?");
            warnings.add(kept.unknownNodeReplicas + " replicas were on nodes not in the input (e.g. " + first
                    + ") and are dropped");
        }
        double weightSum = 0;
        long loadSum = 0;
        double maxRatio = 0;
        for (int n = 0; n < nodes.size(); n++) {
            if (nodes.mode[n] == NodeMode.ACCEPT) {
                weightSum += nodes.weight[n];
                loadSum += nodeLoad[n];
                maxRatio = Math.max(maxRatio, nodeLoad[n] / nodes.weight[n]);
            }
        }
        double maxOverAvg = loadSum == 0 ? 0 : maxRatio / (loadSum / weightSum);
        AssignmentView assignment = new AssignmentView(ids, partitions, rfs, slots, counts, nodes.ids);
        PlacementStats stats = new PlacementStats(replicas, moves.size(), leaderChanges, maxOverAvg, unplaced);
        return new PlacementResult(assignment, List.copyOf(moves), stats, List.copyOf(warnings));
    }

    /** Adds the moves of shard {@code p}; returns 1 when its leader changed. */
    private static int diff(ResourceState state, int p, InputReader reader, List<ReplicaMove> moves, NodeIndex nodes) {
        int start = state.inputStart[p];
        int length = state.inputLength[p];
        int[] input = state.inputAll;
        int count = state.count[p];
        if (length == count && same(input, start, state.slots, p * state.replicationFactor, count)) {
            return 0;
        }
        int changed = 0;
        if (length > 0 && count > 0 && input[start] != state.slot(p, 0)) {
            changed = 1;
        }
        int removedCount = 0;
        int[] removed = null;
        for (int i = 0; i < length; i++) {
            int code = input[start + i];
            if ((code >= 0 && state.holds(p, code)) || seenBefore(input, start, i, code)) {
                continue;
            }
            if (removed == null) {
                removed = new int[length];
            }
            removed[removedCount++] = code;
        }
        int addedCount = 0;
        int[] added = null;
        for (int i = 0; i < count; i++) {
            int n = state.slot(p, i);
            if (inInput(input, start, length, n)) {
                continue;
            }
            if (added == null) {
                added = new int[count];
            }
            added[addedCount++] = n;
        }
        if (removedCount == 0 && addedCount == 0) {
            return changed;
        }
        ShardRef ref = new ShardRef(state.id, p);
        int pairs = Math.max(removedCount, addedCount);
        for (int k = 0; k < pairs; k++) {
            String from = k < removedCount ? reader.idOf(removed[k]) : null;
            String to = k < addedCount ? nodes.ids[added[k]] : null;
            moves.add(new ReplicaMove(ref, from, to));
        }
        return changed;
    }

    private static boolean same(int[] a, int aFrom, int[] b, int bFrom, int length) {
        for (int i = 0; i < length; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean seenBefore(int[] input, int start, int i, int code) {
        for (int k = start; k < start + i; k++) {
            if (input[k] == code) {
                return true;
            }
        }
        return false;
    }

    private static boolean inInput(int[] input, int start, int length, int node) {
        for (int k = start; k < start + length; k++) {
            if (input[k] == node) {
                return true;
            }
        }
        return false;
    }
}
