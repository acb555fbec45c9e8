package io.corral.server.policies.placement;

import java.util.Arrays;

/**
 * Decides, shard by shard, which input replicas stay where they are. A replica stays when its node is in the
 * input, is not EVACUATE, still matches the resource's selector and has no untolerated {@code NoExecute}
 * taint, and it is the first replica of the shard on that node. Then:
 * <ul>
 *   <li>when the shard has fewer replicas on ACCEPT nodes than {@code minActiveReplicas}, its KEEP-node
 *       replicas are set aside to be replaced, as many as the balance set has places for (each comes back if
 *       no replacement is found after all);</li>
 *   <li>with strict zone spread, a replica in a zone already used by an earlier one goes (ACCEPT-node
 *       replicas are looked at first, in input order, then KEEP-node ones);</li>
 *   <li>above the replication factor, KEEP-node replicas go first, from the end, then ACCEPT-node ones.</li>
 * </ul>
 * Everything else stays: no valid replica moves at this stage.
 */
final class KeptReplicas {
    /** Replicas dropped because their node id is not in the input. */
    int unknownNodeReplicas;

    private final NodeIndex nodes;
    private final boolean[] accept;
    private int[] held = new int[16];
    private int[] zones = new int[16];
    private boolean[] keepIt = new boolean[16];

    KeptReplicas(NodeIndex nodes) {
        this.nodes = nodes;
        this.accept = new boolean[nodes.size()];
        for (int n = 0; n < accept.length; n++) {
            accept[n] = nodes.mode[n] == NodeMode.ACCEPT;
        }
    }

    void settle(ResourceState state) {
        int rf = state.replicationFactor;
        int minActive = state.spec.minActiveReplicas();
        int[] codes = state.inputCodes != null ? state.inputCodes.raw() : state.inputAll;
        byte[] flags = state.flags;
        boolean strict = state.spread == SpreadMode.STRICT;
        int[] memberOf = new int[nodes.size()];
        Arrays.fill(memberOf, -1);
        for (int m = 0; m < state.members.length; m++) {
            memberOf[state.members[m]] = m;
        }
        int[] keptLoad = new int[state.members.length];
        for (int p = 0; p < state.partitions; p++) {
            int start = state.inputStart[p];
            int length = state.inputLength[p];
            if (length == 0) {
                continue;
            }
            if (codes[start] >= 0) {
                state.inputLeader[p] = codes[start];
            }
            if (length <= rf && allStay(codes, start, length, memberOf, strict)) {
                // The common case: every replica is on a distinct balance node (distinct zones with strict
                // spread), so all of them stay as they are.
                int base = p * rf;
                for (int i = 0; i < length; i++) {
                    int n = codes[start + i];
                    state.slots[base + i] = n;
                    keptLoad[memberOf[n]]++;
                }
                state.count[p] = length;
                continue;
            }
            if (held.length < length) {
                grow(length);
            }
            int size = 0;
            int active = 0;
            for (int i = 0; i < length; i++) {
                int n = codes[start + i];
                if (n < 0) {
                    unknownNodeReplicas++;
                    continue;
                }
                if ((flags[n] & Eligibility.HOLD) == 0 || contains(held, size, n)) {
                    continue;
                }
                held[size++] = n;
                if (accept[n]) {
                    active++;
                }
            }
            if (active < minActive && active < size) {
                size = setAsideKeepReplicas(state, p, size);
            }
            if (strict && size > 1) {
                size = dropZoneDuplicates(size);
            }
            size = trimToReplicationFactor(size, rf);
            for (int i = 0; i < size; i++) {
                int n = held[i];
                state.add(p, n, false);
                if ((flags[n] & Eligibility.RECEIVE) == 0) {
                    state.pinnedCount[p]++;
                }
                if (memberOf[n] >= 0) {
                    keptLoad[memberOf[n]]++;
                }
            }
        }
        state.inputAll = codes;
        state.inputCodes = null;
        state.keptLoad = keptLoad;
    }

    /** True when every replica is on a balance node, no node twice and, with strict spread, no zone twice. */
    private boolean allStay(int[] codes, int start, int length, int[] memberOf, boolean strict) {
        int[] zone = nodes.zone;
        for (int i = 0; i < length; i++) {
            int n = codes[start + i];
            if (n < 0 || memberOf[n] < 0) {
                return false;
            }
            for (int k = start; k < start + i; k++) {
                if (codes[k] == n || (strict && zone[codes[k]] == zone[n])) {
                    return false;
                }
            }
        }
        return true;
    }

    private void grow(int length) {
        held = new int[length];
        zones = new int[length];
        keepIt = new boolean[length];
    }

    /**
     * Sets aside the shard's KEEP-node replicas to be replaced, as many as the balance set has places for
     * (nodes not holding the shard, or with strict spread zones not used by its ACCEPT-node replicas), the
     * first ones in input order; the others stay. Returns the new number of held replicas.
     */
    private int setAsideKeepReplicas(ResourceState state, int p, int size) {
        int places;
        if (state.spread == SpreadMode.STRICT) {
            int usedZones = 0;
            for (int i = 0; i < size; i++) {
                if (accept[held[i]] && state.isMember(held[i]) && !zoneSeenBefore(state, i)) {
                    usedZones++;
                }
            }
            places = state.memberZones - usedZones;
        } else {
            int activeMembers = 0;
            for (int i = 0; i < size; i++) {
                if (accept[held[i]] && state.isMember(held[i])) {
                    activeMembers++;
                }
            }
            places = state.members.length - activeMembers;
        }
        int[] replace = new int[size];
        int replaced = 0;
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (!accept[held[i]] && replaced < places) {
                replace[replaced++] = held[i];
            } else {
                held[w++] = held[i];
            }
        }
        if (replaced > 0) {
            state.replaceable.put(p, Arrays.copyOf(replace, replaced));
        }
        return w;
    }

    /** True when an earlier ACCEPT-node balance replica among the held ones is in the same zone as {@code i}. */
    private boolean zoneSeenBefore(ResourceState state, int i) {
        for (int k = 0; k < i; k++) {
            if (accept[held[k]] && state.isMember(held[k]) && nodes.zone[held[k]] == nodes.zone[held[i]]) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] values, int size, int value) {
        for (int i = 0; i < size; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    private int dropZoneDuplicates(int size) {
        boolean duplicate = false;
        for (int i = 0; i < size && !duplicate; i++) {
            zones[i] = nodes.zone[held[i]];
            duplicate = contains(zones, i, zones[i]);
        }
        if (!duplicate) {
            return size;
        }
        int zoneCount = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < size; i++) {
                if (accept[held[i]] != (pass == 0)) {
                    continue;
                }
                int z = nodes.zone[held[i]];
                keepIt[i] = !contains(zones, zoneCount, z);
                if (keepIt[i]) {
                    zones[zoneCount++] = z;
                }
            }
        }
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (keepIt[i]) {
                held[w++] = held[i];
            }
        }
        return w;
    }

    private int trimToReplicationFactor(int size, int rf) {
        for (int pass = 0; pass < 2 && size > rf; pass++) {
            for (int i = size - 1; i >= 0 && size > rf; i--) {
                if (accept[held[i]] == (pass == 1)) {
                    System.arraycopy(held, i + 1, held, i, size - i - 1);
                    size--;
                }
            }
        }
        return size;
    }
}
