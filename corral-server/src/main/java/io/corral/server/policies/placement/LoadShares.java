package io.corral.server.policies.placement;

import java.util.Arrays;

/**
 * The fair share of a resource's replicas for each node of its balance set, and the load bounds around it.
 *
 * <p>The resource's replicas on balance nodes, {@code R}, are shared in proportion to node weight, except
 * that no node can take more than one replica per shard (at most {@code partitions}) and, with strict zone
 * spread, no zone can take more than one per shard either (at most {@code partitions} minus the shards that
 * already have a pinned replica in that zone, see {@link ResourceState#pinnedCount}). What a capped node or zone cannot take
 * goes to the others, again in proportion to weight ("water-filling"): shares are
 * {@code min(limit, lambda * weight)} with {@code lambda} such that they sum to {@code R}. With zone spread
 * this is done over zones (zone weight = sum of its nodes' weights) and each zone's share is then split over
 * its nodes the same way. Replicas that have only one possible place (a shard that needs a replica on every
 * balance node, or in every zone still open to it, which with best-effort spread is every zone) are counted
 * there first. For a resource
 * placed from scratch these shares are exactly achievable by a fractional placement, so the bounds below can
 * be met (up to the rounding they allow).
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
     * minus its pinned replicas (see {@link ResourceState#pinnedCount}), but no more than the balance set can
     * hold for it (its node count, or with strict spread its zones not used by the shard's pinned replicas).
     */
    static long target(ResourceState state, NodeIndex nodes) {
        long total = 0;
        int rf = state.replicationFactor;
        boolean[] memberZone = state.spread == SpreadMode.STRICT ? memberZones(state, nodes) : null;
        for (int p = 0; p < state.partitions; p++) {
            int outside = state.pinnedCount[p];
            int room = state.members.length;
            if (memberZone != null) {
                room = state.memberZones;
                for (int i = 0; i < state.count[p] && outside > 0; i++) {
                    int n = state.slot(p, i);
                    if (!state.canReceive(n) && memberZone[nodes.zone[n]]) {
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

    /**
     * The share of each balance node ({@code shares[i]} for {@code state.members[i]}) of {@code total} replicas
     * (from {@link #target}). A shard that needs as many balance replicas as it has places for (nodes, or zones
     * with strict spread) puts one on each of them whatever the weights: those forced replicas are counted
     * first, and only the rest is water-filled.
     */
    static double[] shares(ResourceState state, NodeIndex nodes, double total) {
        int[] members = state.members;
        double[] weights = new double[members.length];
        for (int i = 0; i < members.length; i++) {
            weights[i] = nodes.weight[members[i]];
        }
        int rf = state.replicationFactor;
        if (state.spread == SpreadMode.NONE) {
            int forced = 0;
            for (int p = 0; p < state.partitions; p++) {
                if (members.length > 0 && rf - state.pinnedCount[p] >= members.length) {
                    forced++;
                }
            }
            double[] limits = new double[members.length];
            Arrays.fill(limits, state.partitions - forced);
            double[] shares = waterFill(weights, limits, total - (double) forced * members.length);
            for (int i = 0; i < shares.length; i++) {
                shares[i] += forced;
            }
            return shares;
        }
        return zoneShares(state, nodes, total, weights);
    }

    /**
     * With zone spread: every zone still open to a shard (not holding one of its pinned replicas) gets one of
     * its replicas when the shard needs at least as many as there are such zones; the rest is water-filled
     * over zones by weight, each zone taking at most one replica per shard (strict spread) or one per shard
     * and node (best effort); a zone's share is then split over its nodes by weight, at most one per shard
     * and node.
     */
    private static double[] zoneShares(ResourceState state, NodeIndex nodes, double total, double[] weights) {
        int[] members = state.members;
        int rf = state.replicationFactor;
        boolean strict = state.spread == SpreadMode.STRICT;
        int[] zoneSlot = new int[nodes.zoneCount];
        Arrays.fill(zoneSlot, -1);
        int zones = 0;
        for (int n : members) {
            if (zoneSlot[nodes.zone[n]] < 0) {
                zoneSlot[nodes.zone[n]] = zones++;
            }
        }
        double[] zoneWeight = new double[zones];
        int[] zoneNodes = new int[zones];
        for (int i = 0; i < members.length; i++) {
            int z = zoneSlot[nodes.zone[members[i]]];
            zoneWeight[z] += weights[i];
            zoneNodes[z]++;
        }
        // Per zone: shards that already have a pinned replica there, and forced replicas.
        int[] blockedShards = new int[zones];
        int[] forcedExcept = new int[zones];
        int forcedShards = 0;
        int[] used = new int[Math.max(1, rf)];
        for (int p = 0; p < state.partitions; p++) {
            int usedCount = 0;
            if (state.pinnedCount[p] > 0) {
                for (int i = 0; i < state.count[p]; i++) {
                    int n = state.slot(p, i);
                    int z = zoneSlot[nodes.zone[n]];
                    if (!state.canReceive(n) && z >= 0 && !contains(used, usedCount, z)) {
                        used[usedCount++] = z;
                        blockedShards[z]++;
                    }
                }
            }
            int places = zones - usedCount;
            if (places > 0 && rf - state.pinnedCount[p] >= places) {
                forcedShards++;
                for (int k = 0; k < usedCount; k++) {
                    forcedExcept[used[k]]++;
                }
            }
        }
        double[] zoneLimit = new double[zones];
        double forcedTotal = 0;
        for (int z = 0; z < zones; z++) {
            int forced = forcedShards - forcedExcept[z];
            double capacity = strict ? state.partitions - blockedShards[z] : (double) state.partitions * zoneNodes[z];
            zoneLimit[z] = Math.max(0, capacity - forced);
            forcedTotal += forced;
        }
        double[] zoneShare = waterFill(zoneWeight, zoneLimit, Math.max(0, total - forcedTotal));
        for (int z = 0; z < zones; z++) {
            zoneShare[z] += forcedShards - forcedExcept[z];
        }
        int[] start = new int[zones + 1];
        for (int z = 0; z < zones; z++) {
            start[z + 1] = start[z] + zoneNodes[z];
        }
        int[] byZone = new int[members.length];
        int[] fill = Arrays.copyOf(start, zones);
        for (int i = 0; i < members.length; i++) {
            byZone[fill[zoneSlot[nodes.zone[members[i]]]]++] = i;
        }
        double[] shares = new double[members.length];
        for (int z = 0; z < zones; z++) {
            int count = zoneNodes[z];
            double[] w = new double[count];
            double[] limit = new double[count];
            for (int j = 0; j < count; j++) {
                w[j] = weights[byZone[start[z] + j]];
                limit[j] = state.partitions;
            }
            double[] inZone = waterFill(w, limit, zoneShare[z]);
            for (int j = 0; j < count; j++) {
                shares[byZone[start[z] + j]] = inZone[j];
            }
        }
        return shares;
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }
}
