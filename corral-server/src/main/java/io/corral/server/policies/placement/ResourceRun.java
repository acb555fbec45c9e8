package io.corral.server.policies.placement;

import io.corral.client.routing.SplitMix64;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Places one resource's missing replicas and evens out its loads, changing as little as it can:
 * <ol>
 *   <li>shed: a balance node above its bound gives up the replicas it ranks lowest (not the leader's when
 *       it can), just enough to get back within the bound, preferring replicas that a node below its share
 *       can take (so that they go to a node that joined rather than pushing further replicas around);</li>
 *   <li>rounds zero and one: each missing replica, shard by shard, goes to the best-ranked node (see
 *       {@link CandidateTree}) that is still below its lower bound, then below its share (rounded down), so
 *       nodes that lack replicas (a node that joined, nodes whose share grew) get them first;</li>
 *   <li>round two: what those rounds could not place goes to the best-ranked node below its upper bound; if
 *       none can take it, {@link CapacityRepair} reroutes replicas placed in this run to make room; failing
 *       that, a receiver with an untolerated PreferNoSchedule taint takes it, and as a last resort the
 *       least-loaded eligible node above its bound, preferring one the shard was on before;</li>
 *   <li>fill: {@link DeficitFiller} brings nodes still under their lower bound up to it;</li>
 *   <li>relief: replicas on nodes left above their bound move, in shed order, to nodes that have room now,
 *       directly or, failing that, by a chain of moves through full nodes (what is still above is reported
 *       in a warning);</li>
 *   <li>KEEP-node replicas set aside for {@code minActiveReplicas} come back where no replacement was found.</li>
 * </ol>
 * Zone rules hold throughout: with strict spread no shard ever gets two replicas in one zone; with
 * best-effort spread a new replica goes to an unused zone whenever one has room.
 */
final class ResourceRun {
    final ResourceState state;
    final NodeIndex nodes;
    final Loads loads;
    final double epsilon;
    final int[] memberIndex;
    final int[] members;
    final double[] shares;
    final int[] loadR;
    final int[] upper;
    final int[] lower;
    /** Round one's limit: the share rounded down (at least the lower bound). */
    final int[] fair;
    final IntList[] freshOn;
    /**
     * Per member: it kept fewer valid replicas than its lower bound on input (it joined, became eligible, its
     * share grew, or an earlier step of a plan left it short), so it may take over existing replicas.
     */
    final boolean[] shortOnInput;
    final CandidateTree tree;
    /** Nodes left above their bound for this resource after a last-resort placement, with the excess, by node index. */
    final Map<Integer, Integer> overBound = new TreeMap<>();
    /** 0: fill up to the lower bounds; 1: up to the shares; 2: up to the upper bounds. */
    private int round;
    private final int[] exNodes;
    private final int[] exZones;
    private final CapacityRepair repair;

    ResourceRun(ResourceState state, NodeIndex nodes, Loads loads, int[] memberIndexScratch) {
        this.state = state;
        this.nodes = nodes;
        this.loads = loads;
        this.epsilon = loads.epsilon;
        this.members = state.members;
        this.memberIndex = memberIndexScratch;
        this.shares = state.shares;
        int m = members.length;
        this.loadR = new int[m];
        this.upper = new int[m];
        this.lower = new int[m];
        this.fair = new int[m];
        this.freshOn = new IntList[m];
        this.shortOnInput = new boolean[m];
        for (int i = 0; i < m; i++) {
            memberIndex[members[i]] = i;
            upper[i] = LoadShares.upper(shares[i], epsilon);
            lower[i] = LoadShares.lower(shares[i], epsilon);
            fair[i] = Math.max(lower[i], LoadShares.lower(shares[i], 0));
        }
        for (int p = 0; p < state.partitions; p++) {
            for (int i = 0; i < state.count[p]; i++) {
                int n = state.slot(p, i);
                if (state.isMember(n)) {
                    loadR[memberIndex[n]]++;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            shortOnInput[i] = loadR[i] < lower[i];
        }
        this.exNodes = new int[Math.max(1, state.replicationFactor)];
        this.exZones = new int[Math.max(1, state.replicationFactor)];
        this.tree = new CandidateTree(nodes, members, shares, this::hasSpare);
        this.repair = new CapacityRepair(this);
    }

    /** Runs every step; afterwards the member-index scratch is cleared again. */
    void run() {
        shed();
        IntList wanting = new IntList();
        for (int p = 0; p < state.partitions; p++) {
            if (state.count[p] < state.replicationFactor) {
                wanting.add(p);
            }
        }
        round = 0;
        IntList deferred = placeWithinRound(wanting);
        round = 1;
        deferred = placeWithinRound(deferred);
        round = 2;
        tree.recount();
        for (int d = 0; d < deferred.size(); d++) {
            int p = deferred.get(d);
            while (state.count[p] < state.replicationFactor) {
                if (!placeRoundTwo(p)) {
                    break;
                }
            }
        }
        new DeficitFiller(this).fill();
        relieveOverBound();
        recordOverBound();
        restoreReplaceable();
        clearScratch();
    }

    /** Places what it can of the shards' missing replicas within the current round's limit; returns the rest. */
    private IntList placeWithinRound(IntList shards) {
        tree.recount();
        IntList deferred = new IntList();
        if (!tree.anySpare()) {
            return shards;
        }
        for (int k = 0; k < shards.size(); k++) {
            int p = shards.get(k);
            while (state.count[p] < state.replicationFactor) {
                int n = select(p, state.spread != SpreadMode.NONE);
                if (n < 0) {
                    deferred.add(p);
                    break;
                }
                place(p, n);
            }
        }
        return deferred;
    }

    private boolean placeRoundTwo(int p) {
        int n = select(p, state.spread != SpreadMode.NONE);
        if (n < 0 && state.spread == SpreadMode.BEST_EFFORT) {
            n = select(p, false);
        }
        if (n < 0) {
            n = repair.makeRoom(p, state.spread != SpreadMode.NONE);
            if (n < 0 && state.spread == SpreadMode.BEST_EFFORT) {
                n = repair.makeRoom(p, false);
            }
        }
        if (n >= 0) {
            place(p, n);
            return true;
        }
        n = fallback(p, state.spread != SpreadMode.NONE);
        if (n < 0 && state.spread == SpreadMode.BEST_EFFORT) {
            n = fallback(p, false);
        }
        if (n < 0) {
            return false;
        }
        place(p, n);
        return true;
    }

    /** Whether {@code node} may take one more replica in the current round. */
    boolean hasSpare(int node) {
        int m = memberIndex[node];
        int limit = round == 0 ? lower[m] : round == 1 ? fair[m] : upper[m];
        return loadR[m] < limit && loads.load[node] < loads.cap[node];
    }

    /** Whether {@code node} may take one more replica under the upper bounds. */
    boolean belowUpper(int node) {
        int m = memberIndex[node];
        return loadR[m] < upper[m] && loads.load[node] < loads.cap[node];
    }

    private int select(int p, boolean zoneRule) {
        int count = state.count[p];
        for (int i = 0; i < count; i++) {
            exNodes[i] = state.slot(p, i);
            exZones[i] = nodes.zone[exNodes[i]];
        }
        return tree.select(state.shardHash(p), exNodes, count, exZones, zoneRule ? count : 0);
    }

    /** Adds a new replica of shard {@code p} on {@code node}. */
    void place(int p, int node) {
        state.add(p, node, true);
        if (state.isMember(node)) {
            int m = memberIndex[node];
            loadR[m]++;
            loads.load[node]++;
            if (freshOn[m] == null) {
                freshOn[m] = new IntList();
            }
            freshOn[m].add(p);
            tree.update(node);
        }
    }

    /** Moves the replica of shard {@code p} at position {@code i} to member {@code to}; it becomes new. */
    void move(int p, int i, int to) {
        int from = state.slot(p, i);
        state.replaceAt(p, i, to);
        if (state.isMember(from)) {
            loadR[memberIndex[from]]--;
            loads.load[from]--;
            tree.update(from);
        }
        int m = memberIndex[to];
        loadR[m]++;
        loads.load[to]++;
        if (freshOn[m] == null) {
            freshOn[m] = new IntList();
        }
        freshOn[m].add(p);
        tree.update(to);
    }

    /**
     * Whether replica position {@code i} of shard {@code p} may move to {@code to} as far as nodes and zones
     * go: {@code to} does not hold the shard; with strict spread no zone gets two replicas; with best-effort
     * spread and {@code keepZones}, the shard does not end up in fewer distinct zones.
     */
    boolean canMove(int p, int i, int to, boolean keepZones) {
        if (state.holds(p, to)) {
            return false;
        }
        int from = state.slot(p, i);
        int toZone = nodes.zone[to];
        int fromZone = nodes.zone[from];
        if (state.spread == SpreadMode.STRICT) {
            return toZone == fromZone || !state.zoneUsed(p, toZone, from, nodes.zone);
        }
        if (state.spread == SpreadMode.BEST_EFFORT && keepZones) {
            return toZone == fromZone || !state.zoneUsed(p, toZone, from, nodes.zone)
                    || state.zoneUsed(p, fromZone, from, nodes.zone);
        }
        return true;
    }

    /** Whether a new replica of {@code p} may go on {@code to} (not capacity). */
    boolean canAdd(int p, int to, boolean zoneRule) {
        return !state.holds(p, to) && !(zoneRule && state.zoneUsed(p, nodes.zone[to], -1, nodes.zone));
    }

    /** The rendezvous score of shard {@code p} on {@code node}, as an unsigned 64-bit value. */
    long score(int p, int node) {
        return SplitMix64.mix(state.shardHash(p) ^ nodes.seed[node]);
    }

    private int fallback(int p, boolean zoneRule) {
        int best = -1;
        if (state.avoidsPreferNoSchedule) {
            for (int n = 0; n < nodes.size(); n++) {
                if (state.canReceive(n) && !state.isMember(n) && canAdd(p, n, zoneRule)
                        && (best < 0 || Long.compareUnsigned(score(p, n), score(p, best)) > 0)) {
                    best = n;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        long bestOver = Long.MAX_VALUE;
        boolean bestHome = false;
        for (int n : members) {
            if (!canAdd(p, n, zoneRule)) {
                continue;
            }
            int m = memberIndex[n];
            long over = Math.max((long) loadR[m] - upper[m], (long) loads.load[n] - loads.cap[n]);
            boolean home = wasInput(p, n);
            if (best < 0 || over < bestOver || (over == bestOver && home && !bestHome)) {
                best = n;
                bestOver = over;
                bestHome = home;
            }
        }
        return best;
    }

    /** True when shard {@code p} had a replica on {@code node} on input. */
    private boolean wasInput(int p, int node) {
        int start = state.inputStart[p];
        for (int k = start; k < start + state.inputLength[p]; k++) {
            if (state.inputAll[k] == node) {
                return true;
            }
        }
        return false;
    }

    /**
     * After the last-resort placements above a bound, moves replicas off nodes that are still above their
     * bounds to nodes with room, in the order {@link #shed()} would give them up, so that placing the result
     * again finds nothing more to move. When no node with room can take one of them directly (with zone
     * spread, every node with room may be in a zone the shard already uses), {@link CapacityRepair} frees
     * room by a chain of moves through full nodes, as few as it can.
     */
    private void relieveOverBound() {
        boolean any = false;
        for (int m = 0; m < members.length && !any; m++) {
            any = excess(m) > 0;
        }
        if (!any) {
            return;
        }
        for (int m = 0; m < members.length; m++) {
            int n = members[m];
            if (excess(m) <= 0) {
                continue;
            }
            int[] shards = inShedOrder(n, shardsOn(n));
            for (int p : shards) {
                if (excess(m) <= 0) {
                    break;
                }
                int i = state.position(p, n);
                int to = select(p, state.spread != SpreadMode.NONE);
                if (to < 0 && state.spread == SpreadMode.BEST_EFFORT) {
                    to = select(p, false);
                }
                if (to >= 0 && canMove(p, i, to, false)) {
                    move(p, i, to);
                }
            }
            for (int p : shards) {
                if (excess(m) <= 0) {
                    break;
                }
                int i = state.position(p, n);
                int to = i < 0 ? -1 : repair.makeRoomToMove(p, i, true);
                if (to < 0 && i >= 0 && state.spread == SpreadMode.BEST_EFFORT) {
                    to = repair.makeRoomToMove(p, i, false);
                }
                if (to >= 0) {
                    move(p, i, to);
                }
            }
        }
        recordOverBound();
    }

    private void recordOverBound() {
        overBound.clear();
        for (int m = 0; m < members.length; m++) {
            if (loadR[m] > upper[m]) {
                overBound.put(members[m], loadR[m] - upper[m]);
            }
        }
    }

    /**
     * Before any resource is placed, when some node starts above its bound on all replicas: gives up this
     * resource's share of the excess (see {@link #shed()}), so that every resource is placed against loads
     * that will not drop later. Clears the member-index scratch afterwards.
     */
    void shedOnly() {
        shed();
        clearScratch();
    }

    /**
     * Once every resource is placed: moves this resource's replicas off nodes that ended above their bound
     * on all replicas (the resources placed later filled them), to nodes with room. Clears the member-index
     * scratch afterwards.
     */
    void relieveAfterOthers() {
        round = 2;
        tree.recount();
        relieveOverBound();
        recordOverBound();
        clearScratch();
    }

    private void clearScratch() {
        for (int n : members) {
            memberIndex[n] = -1;
        }
    }

    /** How far member {@code m} is above its bounds (per resource, or in all), or 0. */
    private int excess(int m) {
        return Math.max(0, Math.max(loadR[m] - upper[m], loads.load[members[m]] - loads.cap[members[m]]));
    }

    private int[] shardsOn(int node) {
        IntList shards = new IntList();
        for (int p = 0; p < state.partitions; p++) {
            if (state.holds(p, node)) {
                shards.add(p);
            }
        }
        return shards.toArray();
    }

    /** The shards in the order {@code node} gives them up: not led from it first, then lowest score first. */
    private int[] inShedOrder(int node, int[] shards) {
        long[] keys = new long[shards.length];
        Integer[] order = new Integer[shards.length];
        for (int k = 0; k < shards.length; k++) {
            order[k] = k;
            keys[k] = score(shards[k], node);
        }
        Arrays.sort(order, (a, b) -> {
            boolean la = state.inputLeader[shards[a]] == node;
            boolean lb = state.inputLeader[shards[b]] == node;
            if (la != lb) {
                return la ? 1 : -1;
            }
            int c = Long.compareUnsigned(keys[a], keys[b]);
            return c != 0 ? c : Integer.compare(shards[a], shards[b]);
        });
        int[] sorted = new int[shards.length];
        for (int k = 0; k < sorted.length; k++) {
            sorted[k] = shards[order[k]];
        }
        return sorted;
    }

    private void shed() {
        int[] excess = new int[members.length];
        boolean any = false;
        for (int m = 0; m < members.length; m++) {
            int n = members[m];
            int overTotal = Math.min(loads.load[n] - loads.cap[n], loadR[m] - lower[m]);
            excess[m] = Math.max(0, Math.max(loadR[m] - upper[m], overTotal));
            any |= excess[m] > 0;
        }
        if (!any) {
            return;
        }
        IntList[] onNode = new IntList[members.length];
        for (int p = 0; p < state.partitions; p++) {
            for (int i = 0; i < state.count[p]; i++) {
                int n = state.slot(p, i);
                if (state.isMember(n) && excess[memberIndex[n]] > 0) {
                    int m = memberIndex[n];
                    if (onNode[m] == null) {
                        onNode[m] = new IntList();
                    }
                    onNode[m].add(p);
                }
            }
        }
        // Nodes below their share can take shed replicas; prefer shedding replicas that one of them can take,
        // so that a node joining receives the replicas others must give up rather than further ones.
        int[] room = new int[members.length];
        Set<Long> reserved = new HashSet<>();
        for (int m = 0; m < members.length; m++) {
            room[m] = Math.max(0, Math.min(fair[m] - loadR[m], loads.cap[members[m]] - loads.load[members[m]]));
        }
        for (int m = 0; m < members.length; m++) {
            if (excess[m] == 0) {
                continue;
            }
            int n = members[m];
            int[] shards = inShedOrder(n, onNode[m].toArray());
            boolean[] chosen = new boolean[shards.length];
            int left = excess[m];
            for (int k = 0; k < shards.length && left > 0; k++) {
                int taker = taker(shards[k], n, room, reserved);
                if (taker >= 0) {
                    room[taker]--;
                    reserved.add((long) taker * state.partitions + shards[k]);
                    chosen[k] = true;
                    left--;
                }
            }
            for (int k = 0; k < shards.length && left > 0; k++) {
                if (!chosen[k]) {
                    chosen[k] = true;
                    left--;
                }
            }
            for (int k = 0; k < shards.length; k++) {
                if (chosen[k]) {
                    int p = shards[k];
                    state.removeAt(p, state.position(p, n));
                    loadR[m]--;
                    loads.load[n]--;
                }
            }
        }
    }

    /** A member with room that could take the replica of {@code p} on {@code from}, or -1. */
    private int taker(int p, int from, int[] room, Set<Long> reserved) {
        int i = state.position(p, from);
        for (int t = 0; t < members.length; t++) {
            if (room[t] > 0 && members[t] != from && !reserved.contains((long) t * state.partitions + p)
                    && canMove(p, i, members[t], true)) {
                return t;
            }
        }
        return -1;
    }

    private void restoreReplaceable() {
        if (state.replaceable.isEmpty()) {
            return;
        }
        for (Map.Entry<Integer, int[]> e : new TreeMap<>(state.replaceable).entrySet()) {
            int p = e.getKey();
            for (int k : e.getValue()) {
                if (state.count[p] < state.replicationFactor && !state.holds(p, k)
                        && (state.spread != SpreadMode.STRICT || !state.zoneUsed(p, nodes.zone[k], -1, nodes.zone))) {
                    state.add(p, k, false);
                }
            }
        }
    }
}
