package io.corral.server.policies.placement;

import io.corral.client.routing.Fnv1a64;
import io.corral.client.routing.SplitMix64;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One resource during a placement: which nodes may take its replicas, the replicas each shard has (the
 * kept ones first, in their input order, then the new ones), which replicas are new in this run, and
 * what the shard had on input (for the moves).
 *
 * <p>The <em>balance set</em> of the resource is the set of nodes whose loads the load bound covers and that
 * receive new replicas: the ACCEPT nodes that may receive it, without those with an untolerated
 * {@code PreferNoSchedule} taint when the others suffice (at least as many nodes as replicas per shard
 * and, with zone spread, as many zones as all receivers have, up to the replication factor).
 */
final class ResourceState {
    /** Flag bit, next to the {@link Eligibility} bits: the node is in the balance set. */
    static final byte BALANCE = 8;

    final PlacementResource spec;
    final String id;
    final int partitions;
    final int replicationFactor;
    final long seed;
    final byte[] flags;
    /** The balance set, by node index. */
    final int[] members;
    final int memberZones;
    final SpreadMode spread;
    /** True when the balance set left out receivers with an untolerated PreferNoSchedule taint. */
    final boolean avoidsPreferNoSchedule;

    /** {@code replicationFactor} slots per shard: node indices, the first {@code count[p]} in use. */
    final int[] slots;
    final int[] count;
    /** Per slot: the replica is new in this run. */
    final boolean[] fresh;

    /** Input replicas per shard: node index, or {@code -(k + 1)} for the k-th unknown node id. */
    int[] inputStart;
    int[] inputLength;
    IntList inputCodes;
    /** All input codes once read ({@link #inputCodes} is dropped then); indexed by inputStart/inputLength. */
    int[] inputAll = new int[0];
    /** Input leader per shard (a node index), -1 when none or unknown. */
    final int[] inputLeader;
    /** KEEP-node replicas to replace because of {@code minActiveReplicas}, by shard. */
    final Map<Integer, int[]> replaceable = new HashMap<>();
    /**
     * Per shard, kept replicas on nodes that cannot receive the resource (KEEP nodes, nodes with an
     * untolerated NoSchedule taint): they stay but are not the balance set's to share. Replicas on receivers
     * left out of the balance set (PreferNoSchedule) are not pinned: they count as if they were on the
     * balance set, so that placing one there as a last resort does not change the shares of the next run.
     */
    final int[] pinnedCount;
    /** Per balance node (by position in {@link #members}): replicas kept on it, once settled. */
    int[] keptLoad;
    /** Per balance node: its share of the resource's replicas (see {@link LoadShares}). */
    double[] shares;

    ResourceState(PlacementResource spec, NodeIndex nodes) {
        if (spec.id() == null || spec.partitions() < 0 || spec.replicationFactor() < 0) {
            throw new IllegalArgumentException("resource " + spec.id() + " needs an id, partitions >= 0 and replicationFactor >= 0");
        }
        this.spec = spec;
        this.id = spec.id();
        this.partitions = spec.partitions();
        this.replicationFactor = spec.replicationFactor();
        this.seed = Fnv1a64.hash(id);
        this.flags = Eligibility.of(nodes, spec);
        int receivers = 0;
        int preferred = 0;
        boolean[] receiverZones = new boolean[nodes.zoneCount];
        boolean[] preferredZones = new boolean[nodes.zoneCount];
        int receiverZoneCount = 0;
        int preferredZoneCount = 0;
        for (int n = 0; n < flags.length; n++) {
            if ((flags[n] & Eligibility.RECEIVE) != 0) {
                receivers++;
                if (!receiverZones[nodes.zone[n]]) {
                    receiverZones[nodes.zone[n]] = true;
                    receiverZoneCount++;
                }
            }
            if ((flags[n] & Eligibility.PREFERRED) != 0) {
                preferred++;
                if (!preferredZones[nodes.zone[n]]) {
                    preferredZones[nodes.zone[n]] = true;
                    preferredZoneCount++;
                }
            }
        }
        boolean preferredSuffice = preferred >= replicationFactor
                && (!spec.spreadZones() || preferredZoneCount >= Math.min(replicationFactor, receiverZoneCount));
        byte memberBit = preferredSuffice ? Eligibility.PREFERRED : Eligibility.RECEIVE;
        this.avoidsPreferNoSchedule = preferredSuffice && preferred < receivers;
        this.members = new int[preferredSuffice ? preferred : receivers];
        int m = 0;
        for (int n = 0; n < flags.length; n++) {
            if ((flags[n] & memberBit) != 0) {
                flags[n] |= BALANCE;
                members[m++] = n;
            }
        }
        this.memberZones = preferredSuffice ? preferredZoneCount : receiverZoneCount;
        this.spread = !spec.spreadZones() ? SpreadMode.NONE
                : memberZones >= replicationFactor ? SpreadMode.STRICT : SpreadMode.BEST_EFFORT;
        long slotCount = (long) partitions * replicationFactor;
        if (slotCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resource " + id + " has too many replicas: " + slotCount);
        }
        this.slots = new int[(int) slotCount];
        this.count = new int[partitions];
        this.fresh = new boolean[(int) slotCount];
        this.inputStart = new int[partitions];
        this.inputLength = new int[partitions];
        this.inputLeader = new int[partitions];
        this.pinnedCount = new int[partitions];
        Arrays.fill(inputLeader, -1);
    }

    boolean isMember(int node) {
        return (flags[node] & BALANCE) != 0;
    }

    boolean canReceive(int node) {
        return (flags[node] & Eligibility.RECEIVE) != 0;
    }

    /** The rendezvous identity of shard {@code p}. */
    long shardHash(int p) {
        return SplitMix64.mix(seed + p * SplitMix64.GOLDEN_GAMMA);
    }

    /** True when shard {@code p} has a replica on {@code node}. */
    boolean holds(int p, int node) {
        int base = p * replicationFactor;
        for (int i = 0; i < count[p]; i++) {
            if (slots[base + i] == node) {
                return true;
            }
        }
        return false;
    }

    /** The slot position of {@code node} in shard {@code p}, or -1. */
    int position(int p, int node) {
        int base = p * replicationFactor;
        for (int i = 0; i < count[p]; i++) {
            if (slots[base + i] == node) {
                return i;
            }
        }
        return -1;
    }

    /** True when a replica of shard {@code p} other than the one on {@code except} is in {@code zone}. */
    boolean zoneUsed(int p, int zone, int except, int[] nodeZone) {
        int base = p * replicationFactor;
        for (int i = 0; i < count[p]; i++) {
            int n = slots[base + i];
            if (n != except && nodeZone[n] == zone) {
                return true;
            }
        }
        return false;
    }

    /** Appends a replica on {@code node} to shard {@code p}. */
    void add(int p, int node, boolean isNew) {
        int at = p * replicationFactor + count[p]++;
        slots[at] = node;
        fresh[at] = isNew;
    }

    /** Removes the replica at slot position {@code i} of shard {@code p}, keeping the others in order. */
    void removeAt(int p, int i) {
        int base = p * replicationFactor;
        int last = count[p] - 1;
        for (int k = i; k < last; k++) {
            slots[base + k] = slots[base + k + 1];
            fresh[base + k] = fresh[base + k + 1];
        }
        count[p] = last;
    }

    /** Puts {@code node} in place of the replica at position {@code i}; the replica is new in this run. */
    void replaceAt(int p, int i, int node) {
        slots[p * replicationFactor + i] = node;
        fresh[p * replicationFactor + i] = true;
    }

    boolean isFresh(int p, int i) {
        return fresh[p * replicationFactor + i];
    }

    int slot(int p, int i) {
        return slots[p * replicationFactor + i];
    }

    /** Moves the replica at position {@code i} of shard {@code p} to the front, keeping the others in order. */
    void moveToFront(int p, int i) {
        moveTo(p, i, 0);
    }

    /** Moves the replica at position {@code i} of shard {@code p} to position {@code to <= i}, shifting the ones between. */
    void moveTo(int p, int i, int to) {
        int base = p * replicationFactor;
        int node = slots[base + i];
        boolean isNew = fresh[base + i];
        for (int k = i; k > to; k--) {
            slots[base + k] = slots[base + k - 1];
            fresh[base + k] = fresh[base + k - 1];
        }
        slots[base + to] = node;
        fresh[base + to] = isNew;
    }
}
