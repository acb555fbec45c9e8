package io.corral.server.policies.placement;

/**
 * Makes room for a replica that no node can take within its upper bound, by rerouting replicas placed earlier
 * in the same run: a breadth-first search for an augmenting path
 * {@code shard -> c0, t0: c0 -> c1, t1: c1 -> c2, ..., tk: ck -> f} where every {@code ci} is a full node,
 * every {@code ti} a replica new in this run that may legally move (node and zone rules), and {@code f} a
 * node with spare capacity. Applying it changes no load but {@code f}'s, which grows by one, and costs no
 * extra movement, since only replicas that were being added anyway change their destination.
 *
 * <p>For a single resource with shares from {@link LoadShares}, such a path exists whenever the replica can
 * be placed at all (max-flow argument: the shares are a fractional placement within the bounds), so the
 * search only gives up when its work budget runs out.
 */
final class CapacityRepair {
    /** Candidate checks allowed per search, and per resource, keeping a pathological search bounded. */
    private static final long SEARCH_BUDGET = 4_000_000L;
    private static final long RESOURCE_BUDGET = 40_000_000L;

    private final ResourceRun run;
    private final ResourceState state;
    private final int[] visitStamp;
    private final int[] parentMember;
    private final int[] parentShard;
    private final int[] queue;
    private int stamp;
    private long spent;

    CapacityRepair(ResourceRun run) {
        this.run = run;
        this.state = run.state;
        int m = run.members.length;
        this.visitStamp = new int[m];
        this.parentMember = new int[m];
        this.parentShard = new int[m];
        this.queue = new int[m];
    }

    /** Frees room on a node that may take a new replica of {@code p} and returns it, or -1. */
    int makeRoom(int p, boolean zoneRule) {
        if (spent >= RESOURCE_BUDGET) {
            return -1;
        }
        stamp++;
        int head = 0;
        int tail = 0;
        int[] members = run.members;
        for (int m = 0; m < members.length; m++) {
            if (run.canAdd(p, members[m], zoneRule)) {
                visitStamp[m] = stamp;
                parentMember[m] = -1;
                queue[tail++] = m;
            }
        }
        long budget = SEARCH_BUDGET;
        while (head < tail) {
            int c = queue[head++];
            int cNode = members[c];
            IntList fresh = run.freshOn[c];
            for (int k = 0; fresh != null && k < fresh.size(); k++) {
                int t = fresh.get(k);
                int i = state.position(t, cNode);
                if (t == p || i < 0 || !state.isFresh(t, i) || onPath(c, t)) {
                    continue;
                }
                for (int f = 0; f < members.length; f++) {
                    if (--budget < 0) {
                        spent += SEARCH_BUDGET;
                        return -1;
                    }
                    if (visitStamp[f] == stamp || !run.canMove(t, i, members[f], true)) {
                        continue;
                    }
                    if (run.belowUpper(members[f])) {
                        spent += SEARCH_BUDGET - budget;
                        return apply(f, c, t);
                    }
                    visitStamp[f] = stamp;
                    parentMember[f] = c;
                    parentShard[f] = t;
                    queue[tail++] = f;
                }
            }
        }
        spent += SEARCH_BUDGET - budget;
        return -1;
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
