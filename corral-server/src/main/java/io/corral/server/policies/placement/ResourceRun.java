package io.corral.server.policies.placement;

import io.corral.client.routing.SplitMix64;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places one resource's missing replicas and evens out its loads, changing as little as it can:
 * <ol>
 *   <li>shed: a balance node above its bound gives up the replicas it ranks lowest (not the leader's when
 *       it can), just enough to get back within the bound;</li>
 *   <li>round one: each missing replica, shard by shard, goes to the best-ranked node (see
 *       {@link CandidateTree}) that is still below its share (rounded down), so nodes that lack replicas
 *       (a new node) get them first;</li>
 *   <li>round two: what round one could not place goes to the best-ranked node below its upper bound; if
 *       none can take it, {@link CapacityRepair} reroutes replicas placed in this run to make room; failing
 *       that, a receiver with an untolerated PreferNoSchedule taint takes it, and as a last resort the
 *       least-loaded eligible node above its bound (with a warning);</li>
 *   <li>fill: {@link DeficitFiller} brings nodes still under their lower bound up to it;</li>
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
    final CandidateTree tree;
    /** Replicas placed above a node's upper bound, by node index (last resort). */
    final Map<Integer, Integer> overBound = new TreeMap<>();
    private boolean roundOne;
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
        this.shares = LoadShares.shares(state, nodes, LoadShares.target(state, nodes));
        int m = members.length;
        this.loadR = new int[m];
        this.upper = new int[m];
        this.lower = new int[m];
        this.fair = new int[m];
        this.freshOn = new IntList[m];
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
        this.exNodes = new int[Math.max(1, state.replicationFactor)];
        this.exZones = new int[Math.max(1, state.replicationFactor)];
        this.tree = new CandidateTree(nodes, members, shares, this::hasSpare);
        this.repair = new CapacityRepair(this);
    }

    /** Runs every step; afterwards the member-index scratch is cleared again. */
    void run() {
        shed();
        roundOne = true;
        tree.recount();
        IntList deferred = new IntList();
        for (int p = 0; p < state.partitions; p++) {
            int need = state.replicationFactor - state.count[p];
            boolean placedAll = true;
            for (int k = 0; k < need && placedAll; k++) {
                int n = select(p, state.spread != SpreadMode.NONE);
                if (n < 0) {
                    placedAll = false;
                } else {
                    place(p, n);
                }
            }
            if (!placedAll) {
                deferred.add(p);
            }
        }
        roundOne = false;
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
        restoreReplaceable();
        for (int n : members) {
            memberIndex[n] = -1;
        }
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
        if (state.isMember(n) && !belowUpper(n)) {
            overBound.merge(n, 1, Integer::sum);
        }
        place(p, n);
        return true;
    }

    /** Whether {@code node} may take one more replica in the current round. */
    boolean hasSpare(int node) {
        int m = memberIndex[node];
        return loadR[m] < (roundOne ? fair[m] : upper[m]) && loads.load[node] < loads.cap[node];
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
     * go: {@code to} does not hold the shard, and the zone rule still holds afterwards.
     */
    boolean canMove(int p, int i, int to, boolean zoneRule) {
        if (state.holds(p, to)) {
            return false;
        }
        int from = state.slot(p, i);
        int toZone = nodes.zone[to];
        if (state.spread == SpreadMode.STRICT || (zoneRule && state.spread == SpreadMode.BEST_EFFORT)) {
            return toZone == nodes.zone[from] || !state.zoneUsed(p, toZone, from, nodes.zone);
        }
        if (state.spread == SpreadMode.BEST_EFFORT) {
            // Never lose a distinct zone: either the target zone is new, or the source zone stays covered.
            return toZone == nodes.zone[from] || !state.zoneUsed(p, toZone, from, nodes.zone)
                    || state.zoneUsed(p, nodes.zone[from], from, nodes.zone);
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
        for (int n : members) {
            if (!canAdd(p, n, zoneRule)) {
                continue;
            }
            int m = memberIndex[n];
            long over = Math.max((long) loadR[m] - upper[m], (long) loads.load[n] - loads.cap[n]);
            if (best < 0 || over < bestOver) {
                best = n;
                bestOver = over;
            }
        }
        return best;
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
        for (int m = 0; m < members.length; m++) {
            if (excess[m] == 0) {
                continue;
            }
            int n = members[m];
            int[] shards = onNode[m].toArray();
            long[] keys = new long[shards.length];
            Integer[] order = new Integer[shards.length];
            for (int k = 0; k < shards.length; k++) {
                order[k] = k;
                keys[k] = score(shards[k], n);
            }
            Arrays.sort(order, (a, b) -> {
                boolean la = state.inputLeader[shards[a]] == n;
                boolean lb = state.inputLeader[shards[b]] == n;
                if (la != lb) {
                    return la ? 1 : -1;
                }
                int c = Long.compareUnsigned(keys[a], keys[b]);
                return c != 0 ? c : Integer.compare(shards[a], shards[b]);
            });
            for (int k = 0; k < excess[m]; k++) {
                int p = shards[order[k]];
                state.removeAt(p, state.position(p, n));
                loadR[m]--;
                loads.load[n]--;
            }
        }
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
