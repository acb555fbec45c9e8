package io.corral.server.policies.placement;

import java.util.List;

/**
 * Orders each shard's replica list: the replicas it had on input in their input order, then new ones, and
 * the leader first. A shard keeps its input leader when that replica
 * stayed and its node is ACCEPT. Otherwise (new shard, or the leader's replica or node is gone) the leader
 * is chosen among the shard's replicas on ACCEPT nodes, which moves no data: the one whose node has the
 * fewest leaders so far relative to its weight, ties to the earlier replica; with no replica on an ACCEPT
 * node, the first replica leads. Shards are visited in resource-id and partition order.
 */
final class LeaderChooser {
    private LeaderChooser() {
    }

    /**
     * Puts a changed shard's replicas back in input order (the ones that were there before first, as they
     * were listed, then the new ones), so that a replica that left and came back keeps its place.
     */
    private static void inputOrder(ResourceState state, int p) {
        boolean changed = false;
        for (int i = 0; i < state.count[p] && !changed; i++) {
            changed = state.isFresh(p, i);
        }
        if (!changed) {
            return;
        }
        int start = state.inputStart[p];
        int length = state.inputLength[p];
        int placed = 0;
        for (int k = start; k < start + length; k++) {
            int code = state.inputAll[k];
            int i = code < 0 ? -1 : state.position(p, code);
            if (i >= placed) {
                state.moveTo(p, i, placed++);
            }
        }
    }

    static void choose(List<ResourceState> resourcesById, NodeIndex nodes) {
        for (ResourceState state : resourcesById) {
            for (int p = 0; p < state.partitions; p++) {
                inputOrder(state, p);
            }
        }
        int[] leaders = new int[nodes.size()];
        for (ResourceState state : resourcesById) {
            for (int p = 0; p < state.partitions; p++) {
                int leader = state.inputLeader[p];
                if (leader >= 0 && nodes.mode[leader] == NodeMode.ACCEPT) {
                    int i = state.position(p, leader);
                    if (i >= 0) {
                        state.moveToFront(p, i);
                        leaders[leader]++;
                    }
                }
            }
        }
        for (ResourceState state : resourcesById) {
            for (int p = 0; p < state.partitions; p++) {
                if (state.count[p] == 0) {
                    continue;
                }
                int leader = state.inputLeader[p];
                if (leader >= 0 && nodes.mode[leader] == NodeMode.ACCEPT && state.slot(p, 0) == leader) {
                    continue;
                }
                int best = -1;
                double bestRatio = 0;
                for (int i = 0; i < state.count[p]; i++) {
                    int n = state.slot(p, i);
                    if (nodes.mode[n] != NodeMode.ACCEPT) {
                        continue;
                    }
                    double ratio = (leaders[n] + 1) / nodes.weight[n];
                    if (best < 0 || ratio < bestRatio) {
                        best = i;
                        bestRatio = ratio;
                    }
                }
                if (best < 0) {
                    best = 0;
                }
                state.moveToFront(p, best);
                leaders[state.slot(p, 0)]++;
            }
        }
    }
}
