package io.corral.server.policies.placement;

import java.util.Arrays;

/**
 * The fair share of a resource's replicas for each node of its balance set, and the load bounds around it.
 *
 * <p>The resource's replicas on balance nodes, {@code R}, are shared in proportion to node weight, except
 * that no node can take more than one replica per shard (at most {@code partitions}) and, with strict zone
 * spread, no zone can take more than one per shard either (at most {@code partitions} minus the shards that
 * already have a replica kept outside the balance set in that zone). What a capped node or zone cannot take
 * goes to the others, again in proportion to weight ("water-filling"): shares are
 * {@code min(limit, lambda * weight)} with {@code lambda} such that they sum to {@code R}. With strict zone
 * spread this is done over zones (zone weight = sum of its nodes' weights) and each zone's share is then split
 * over its nodes in proportion to weight. These shares are exactly achievable by a fractional placement, so
 * the bounds below can always be met (up to the rounding they allow).
 *
 * <p>Bounds, computed in double precision with a relative tolerance of 1e-9: a node holds at most
 * {@code ceil((1 + epsilon) * share)} and, when placement can arrange it without moving more than it must,
 * at least {@code floor((1 - epsilon) * share)} of the resource's replicas.
 */
final class LoadShares {
    private static final double TOLERANCE = 1e-9;

    private LoadShares() {
    }

    /** The upper load bound for a node with this share. */
    static int upper(double share, double epsilon) {
        double x = (1 + epsilon) * share;
        return (int) Math.ceil(x - TOLERANCE * Math.max(1, x));
    }

    /** The lower load bound for a node with this share. */
    static int lower(double share, double epsilon) {
        double x = (1 - epsilon) * share;
        return Math.max(0, (int) Math.floor(x + TOLERANCE * Math.max(1, Math.abs(x))));
    }

    /**
     * Shares {@code min(limit_i, lambda * weight_i)} summing to {@code total}, or the limits when they sum to
     * less than {@code total}. Weights must be positive.
     */
    static double[] waterFill(double[] weights, double[] limits, double total) {
        int n = weights.length;
        double[] shares = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(limits[a] / weights[a], limits[b] / weights[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double remaining = total;
        double remainingWeight = 0;
        for (double w : weights) {
            remainingWeight += w;
        }
        int k = 0;
        while (k < n) {
            int i = order[k];
            double lambda = remaining / remainingWeight;
            if (limits[i] <= lambda * weights[i]) {
                shares[i] = limits[i];
                remaining -= limits[i];
                remainingWeight -= weights[i];
                k++;
            } else {
                break;
            }
        }
        if (k < n) {
            double lambda = Math.max(0, remaining) / remainingWeight;
            for (int j = k; j < n; j++) {
                shares[order[j]] = lambda * weights[order[j]];
            }
        }
        return shares;
    }

    /**
     * The number of the resource's replicas that belong on balance nodes: per shard, the replication factor
     * minus its replicas kept outside the balance set, but no more than the balance set can hold for it
     * (its node count, or with strict spread its zones not used by the shard's outside replicas).
     */
    static long target(ResourceState state, NodeIndex nodes) {
        long total = 0;
        int rf = state.replicationFactor;
        boolean[] memberZone = state.spread == SpreadMode.STRICT ? memberZones(state, nodes) : null;
        for (int p = 0; p < state.partitions; p++) {
            int outside = state.outsideCount[p];
            int room = state.members.length;
            if (memberZone != null) {
                room = state.memberZones;
                for (int i = 0; i < state.count[p] && outside > 0; i++) {
                    int n = state.slot(p, i);
                    if (!state.isMember(n) && memberZone[nodes.zone[n]]) {
                        room--;
                    }
                }
            }
            total += Math.max(0, Math.min(rf - outside, room));
        }
        return total;
    }

    private static boolean[] memberZones(ResourceState state, NodeIndex nodes) {
        boolean[] memberZone = new boolean[nodes.zoneCount];
        for (int n : state.members) {
            memberZone[nodes.zone[n]] = true;
        }
        return memberZone;
    }

    /** The share of each balance node ({@code shares[i]} for {@code state.members[i]}) of {@code total} replicas. */
    static double[] shares(ResourceState state, NodeIndex nodes, double total) {
        int[] members = state.members;
        double[] weights = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            weights[i] = nodes.weight[members[i]];
        }
        if (state.spread != SpreadMode.STRICT) {
            double[] limits = new double[members.length];
            Arrays.fill(limits, state.partitions);
            return waterFill(weights, limits, total);
        }
        int[] zoneSlot = new int[nodes.zoneCount];
        Arrays.fill(zoneSlot, -1);
        int zones = 0;
        for (int n : members) {
            if (zoneSlot[nodes.zone[n]] < 0) {
                zoneSlot[nodes.zone[n]] = zones++;
            }
        }
        double[] zoneWeight = new double[zones];
        double[] zoneLimit = new double[zones];
        Arrays.fill(zoneLimit, state.partitions);
        for (int i = 0; i < members.length; i++) {
            zoneWeight[zoneSlot[nodes.zone[members[i]]]] += weights[i];
        }
        for (int p = 0; p < state.partitions; p++) {
            if (state.outsideCount[p] == 0) {
                continue;
            }
            for (int i = 0; i < state.count[p]; i++) {
                int n = state.slot(p, i);
                if (!state.isMember(n) && zoneSlot[nodes.zone[n]] >= 0) {
                    zoneLimit[zoneSlot[nodes.zone[n]]]--;
                }
            }
        }
        double[] zoneShare = waterFill(zoneWeight, zoneLimit, total);
        double[] shares = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            int z = zoneSlot[nodes.zone[members[i]]];
            shares[i] = zoneShare[z] * weights[i] / zoneWeight[z];
        }
        return shares;
    }
}
