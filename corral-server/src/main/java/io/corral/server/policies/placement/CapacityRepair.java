package io.corral.server.policies.placement;

/**
 * Makes room for a replica that no node can take within its upper bound, by rerouting replicas: a search for
 * an augmenting path {@code shard -> c0, t0: c0 -> c1, t1: c1 -> c2, ..., tk: ck -> f} where every {@code ci}
 * is a full node, every {@code ti} a replica on {@code ci} that may legally move (node and zone rules), and
 * {@code f} a node with spare capacity. Applying it changes no load but {@code f}'s, which grows by one.
 *
 * <p>{@link #makeRoom} reroutes only replicas new in this run, which costs no extra movement (they were being
 * added anyway). {@link #makeRoomToMove} may also move replicas the run kept, one extra move each, and
 * finds a path with the fewest of those (a 0-1 breadth-first search: rerouting a new replica costs 0, moving a
 * kept one 1); ties go to the path found first, in member order, so the result is deterministic.
 *
 * <p>For a single resource with strict zone spread or none, its replicas, zones and nodes form a flow network
 * (shard, then at most one replica per zone with strict spread, then one per node, then the node's upper
 * bound), and these paths are its augmenting paths (a hop moves a replica within its zone or to a zone the
 * shard lacks). So when kept replicas may move, a path exists whenever the bounds leave room for one more
 * replica on the balance set, and the search gives up only when its work budget runs out or every path
 * would move one shard twice.
 */
final class CapacityRepair {
    /** Candidate checks allowed per search, and per resource, keeping a pathological search bounded. */
    private static final long SEARCH_BUDGET = 4_000_000L;
    private static final long RESOURCE_BUDGET = 40_000_000L;
    private static final int NONE = 0;
    private static final int FOUND = 1;
    private static final int OUT_OF_BUDGET = 2;

    private final ResourceRun run;
    private final ResourceState state;
    /** Per member: reached in the current search (equal to {@link #stamp}). */
    private final int[] seenStamp;
    /** Per member: expanded in the current search. */
    private final int[] doneStamp;
    /** Per member, once reached: kept replicas moved on the best path found to it. */
    private final int[] extraMoves;
    private final int[] parentMember;
    private final int[] parentShard;
    /** Per member: the shards of which it held a kept replica when first needed; built on first use. */
    private IntList[] keptOn;
    private int stamp;
    private long spent;
    private long budget;
    /** The end of the path found: the member with room, the member its replica comes from, the shard. */
    private int endRoom;
    private int endFrom;
    private int endShard;

    CapacityRepair(ResourceRun run) {
        this.run = run;
        this.state = run.state;
        int m = run.members.length;
        this.seenStamp = new int[m];
        this.doneStamp = new int[m];
        this.extraMoves = new int[m];
        this.parentMember = new int[m];
        this.parentShard = new int[m];
    }

    /**
     * Frees room, by rerouting replicas new in this run only, on a node that may take a new replica of
     * {@code p}, and returns that node, or -1.
     */
    int makeRoom(int p, boolean zoneRule) {
        return search(p, -1, zoneRule, false);
    }

    /**
     * Frees room on a node that the replica at position {@code i} of shard {@code p} may move to (keeping the
     * shard's zones when {@code keepZones}, see {@link ResourceRun#canMove}) and returns that node, or -1.
     * May also move kept replicas, as few as any path needs, so it is for a replica that must leave a node
     * above its bound when no node with room can take it directly.
     */
    int makeRoomToMove(int p, int i, boolean keepZones) {
        return search(p, i, keepZones, true);
    }

    /**
     * Searches paths that start at a node that may take shard {@code p}: a new replica of it when
     * {@code from < 0} (zone rule as {@code zones} says), else its replica at position {@code from}.
     */
    private int search(int p, int from, boolean zones, boolean moveKept) {
        if (spent >= RESOURCE_BUDGET) {
            return -1;
        }
        stamp++;
        budget = SEARCH_BUDGET;
        int[] members = run.members;
        IntList level = new IntList();
        for (int m = 0; m < members.length; m++) {
            if (from < 0 ? run.canAdd(p, members[m], zones) : run.canMove(p, from, members[m], zones)) {
                reach(m, 0, -1, -1, level);
            }
        }
        IntList[] kept = moveKept ? keptOn() : null;
        int outcome = NONE;
        for (int extra = 0; level.size() > 0 && outcome == NONE; extra++) {
            IntList next = new IntList();
            endRoom = -1;
            for (int h = 0; h < level.size() && outcome == NONE; h++) {
                int c = level.get(h);
                if (doneStamp[c] == stamp || extraMoves[c] != extra) {
                    continue;
                }
                doneStamp[c] = stamp;
                outcome = expand(p, c, run.freshOn[c], true, extra, level);
                if (outcome == NONE && kept != null) {
                    outcome = expand(p, c, kept[c], false, extra + 1, next);
                }
            }
            if (outcome == NONE && endRoom >= 0) {
                outcome = FOUND;
            }
            level = next;
        }
        spent += SEARCH_BUDGET - Math.max(0, budget);
        return outcome == FOUND ? apply(endRoom, endFrom, endShard) : -1;
    }

    /**
     * Tries to move each of {@code shards} (the new or the kept ones, as {@code fresh} says) off member
     * {@code c}: to a member with room, which ends a path, or else to a full member not reached as cheaply,
     * which joins {@code into} with {@code cost} extra moves. A path end reached by a new replica costs
     * nothing beyond the level being expanded and is taken at once ({@link #FOUND}); one reached by a kept
     * replica costs one more and is remembered, the first one only, until the level is done.
     */
    private int expand(int p, int c, IntList shards, boolean fresh, int cost, IntList into) {
        int[] members = run.members;
        int cNode = members[c];
        for (int k = 0; shards != null && k < shards.size(); k++) {
            int t = shards.get(k);
            int i = state.position(t, cNode);
            if (t == p || i < 0 || state.isFresh(t, i) != fresh || onPath(c, t)) {
                continue;
            }
            for (int f = 0; f < members.length; f++) {
                if (--budget < 0) {
                    return OUT_OF_BUDGET;
                }
                if ((seenStamp[f] == stamp && extraMoves[f] <= cost) || !run.canMove(t, i, members[f], true)) {
                    continue;
                }
                if (!run.belowUpper(members[f])) {
                    reach(f, cost, c, t, into);
                } else if (fresh || endRoom < 0) {
                    endRoom = f;
                    endFrom = c;
                    endShard = t;
                    if (fresh) {
                        return FOUND;
                    }
                }
            }
        }
        return NONE;
    }

    private void reach(int m, int cost, int parent, int shard, IntList into) {
        if (doneStamp[m] == stamp) {
            return;
        }
        seenStamp[m] = stamp;
        extraMoves[m] = cost;
        parentMember[m] = parent;
        parentShard[m] = shard;
        into.add(m);
    }

    private IntList[] keptOn() {
        if (keptOn == null) {
            keptOn = new IntList[run.members.length];
            for (int p = 0; p < state.partitions; p++) {
                for (int i = 0; i < state.count[p]; i++) {
                    int n = state.slot(p, i);
                    if (state.isMember(n) && !state.isFresh(p, i)) {
                        int m = run.memberIndex[n];
                        if (keptOn[m] == null) {
                            keptOn[m] = new IntList();
                        }
                        keptOn[m].add(p);
                    }
                }
            }
        }
        return keptOn;
    }

    private boolean onPath(int member, int shard) {
        for (int m = member; parentMember[m] >= 0; m = parentMember[m]) {
            if (parentShard[m] == shard) {
                return true;
            }
        }
        return false;
    }

    /** Moves {@code t} from member {@code c} to spare member {@code f}, then back along the path; returns c0. */
    private int apply(int f, int c, int t) {
        int[] members = run.members;
        int to = f;
        int from = c;
        int shard = t;
        while (true) {
            int i = state.position(shard, members[from]);
            run.move(shard, i, members[to]);
            if (parentMember[from] < 0) {
                return members[from];
            }
            to = from;
            shard = parentShard[from];
            from = parentMember[from];
        }
    }
}
