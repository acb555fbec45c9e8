package io.corral.server.policies.placement;

import java.util.Arrays;

/**
 * Brings balance nodes that are still below their lower bound ({@code floor((1 - epsilon) * share)}) up to
 * it, node by node in index order, without pushing any donor below its own lower bound:
 * <ol>
 *   <li>first by rerouting replicas new in this run (no extra movement: they were being added anyway);</li>
 *   <li>then, only for a node that kept fewer valid replicas than its lower bound on input (it joined, became
 *       eligible or its share grew; or it is a joining node that already received part of its replicas: the
 *       coordinator carries a plan out a few moves at a time and places again after each step, so the rule
 *       must not depend on the node having held none), so that a node that only shed replicas in this run
 *       (to stay within its bound over all resources) does not pull others' replicas back: by taking over
 *       existing replicas, choosing the shards on which the node ranks highest
 *       (rendezvous score), so that the node gets about the shards plain rendezvous hashing would give it.
 *       Each such replica is one move, and only as many are taken as the deficit;</li>
 *   <li>when no replica can move to the node directly (it holds every shard the nodes with spare replicas
 *       hold, or zones forbid it), by the shortest chain of moves that ends at a node with a spare replica.</li>
 * </ol>
 * A donor replica is chosen among the shard's replicas on balance nodes above their lower bound: a new one
 * first, then one that is not the shard's leader, then the one on the most loaded node relative to its share.
 */
final class DeficitFiller {
    /** Candidate checks allowed per chain search. */
    private static final long CHAIN_BUDGET = 2_000_000L;

    private final ResourceRun run;
    private final ResourceState state;

    DeficitFiller(ResourceRun run) {
        this.run = run;
        this.state = run.state;
    }

    void fill() {
        int[] members = run.members;
        for (int m = 0; m < members.length; m++) {
            if (deficit(m) > 0) {
                rerouteNew(m);
            }
            if (deficit(m) > 0 && run.shortOnInput[m]) {
                takeOver(m);
            }
            while (deficit(m) > 0 && run.shortOnInput[m] && chain(m)) {
                // each chain adds one replica to m
            }
        }
    }

    /**
     * Finds and applies a chain {@code f -> x_k -> ... -> x_1 -> m}: each node gives one replica (of a shard
     * the next one lacks, zone rules kept) to the next, and {@code f} has a replica to spare. Breadth-first,
     * so the chain is as short as any; each hop is one move. Returns false when there is none within budget.
     */
    private boolean chain(int m) {
        int[] members = run.members;
        int count = members.length;
        int[] parent = new int[count];
        int[] parentShard = new int[count];
        boolean[] visited = new boolean[count];
        int[] queue = new int[count];
        int head = 0;
        int tail = 0;
        queue[tail++] = m;
        visited[m] = true;
        parent[m] = -1;
        long budget = CHAIN_BUDGET;
        while (head < tail) {
            int x = queue[head++];
            int xNode = members[x];
            for (int p = 0; p < state.partitions; p++) {
                if (state.holds(p, xNode) || onChain(x, p, parent, parentShard)) {
                    continue;
                }
                for (int i = 0; i < state.count[p]; i++) {
                    int d = state.slot(p, i);
                    if (--budget < 0) {
                        return false;
                    }
                    if (!state.isMember(d) || visited[run.memberIndex[d]] || !run.canMove(p, i, xNode, true)) {
                        continue;
                    }
                    int dm = run.memberIndex[d];
                    if (canDonate(d)) {
                        run.move(p, i, xNode);
                        for (int y = x; parent[y] >= 0; y = parent[y]) {
                            int shard = parentShard[y];
                            run.move(shard, state.position(shard, members[y]), members[parent[y]]);
                        }
                        return true;
                    }
                    visited[dm] = true;
                    parent[dm] = x;
                    parentShard[dm] = p;
                    queue[tail++] = dm;
                }
            }
        }
        return false;
    }

    private static boolean onChain(int x, int shard, int[] parent, int[] parentShard) {
        for (int y = x; parent[y] >= 0; y = parent[y]) {
            if (parentShard[y] == shard) {
                return true;
            }
        }
        return false;
    }

    private int deficit(int m) {
        int n = run.members[m];
        return Math.max(0, Math.min(run.lower[m] - run.loadR[m], run.loads.cap[n] - run.loads.load[n]));
    }

    private boolean canDonate(int donorNode) {
        if (!state.isMember(donorNode)) {
            return false;
        }
        int d = run.memberIndex[donorNode];
        return run.loadR[d] > run.lower[d];
    }

    private void rerouteNew(int m) {
        int u = run.members[m];
        for (int d = 0; d < run.members.length && deficit(m) > 0; d++) {
            IntList fresh = run.freshOn[d];
            int donor = run.members[d];
            for (int k = 0; fresh != null && k < fresh.size() && deficit(m) > 0 && canDonate(donor); k++) {
                int p = fresh.get(k);
                int i = state.position(p, donor);
                if (d != m && i >= 0 && state.isFresh(p, i) && run.canMove(p, i, u, true)) {
                    run.move(p, i, u);
                }
            }
        }
    }

    private void takeOver(int m) {
        int u = run.members[m];
        double tried = 0;
        double fraction = Math.min(1.0, (2.0 * deficit(m) + 64) / Math.max(1, state.partitions));
        while (deficit(m) > 0 && tried < 1.0) {
            // Shards whose score for u falls in the band [1 - fraction, 1 - tried), best first.
            double low = 1.0 - fraction;
            double high = 1.0 - tried;
            IntList band = new IntList();
            long[] scores = new long[16];
            int size = 0;
            for (int p = 0; p < state.partitions; p++) {
                long h = run.score(p, u);
                double x = (h >>> 11) * 0x1.0p-53;
                if (x >= low && x < high && !state.holds(p, u)) {
                    if (size == scores.length) {
                        scores = Arrays.copyOf(scores, size * 2);
                    }
                    scores[size++] = h;
                    band.add(p);
                }
            }
            int[] shards = band.toArray();
            Integer[] order = new Integer[size];
            for (int k = 0; k < size; k++) {
                order[k] = k;
            }
            long[] s = scores;
            Arrays.sort(order, (a, b) -> {
                int c = Long.compareUnsigned(s[b], s[a]);
                return c != 0 ? c : Integer.compare(shards[a], shards[b]);
            });
            for (int k = 0; k < size && deficit(m) > 0; k++) {
                int p = shards[order[k]];
                int i = donor(p, u);
                if (i >= 0) {
                    run.move(p, i, u);
                }
            }
            tried = fraction;
            fraction = Math.min(1.0, fraction * 4);
        }
    }

    /** The position of the replica of {@code p} that should move to {@code u}, or -1. */
    private int donor(int p, int u) {
        int best = -1;
        for (int i = 0; i < state.count[p]; i++) {
            int n = state.slot(p, i);
            if (!canDonate(n) || !run.canMove(p, i, u, true)) {
                continue;
            }
            if (best < 0 || better(p, i, best)) {
                best = i;
            }
        }
        return best;
    }

    private boolean better(int p, int i, int j) {
        boolean freshI = state.isFresh(p, i);
        if (freshI != state.isFresh(p, j)) {
            return freshI;
        }
        int a = state.slot(p, i);
        int b = state.slot(p, j);
        boolean leaderA = state.inputLeader[p] == a;
        if (leaderA != (state.inputLeader[p] == b)) {
            return !leaderA;
        }
        int ma = run.memberIndex[a];
        int mb = run.memberIndex[b];
        double ra = run.loadR[ma] / run.shares[ma];
        double rb = run.loadR[mb] / run.shares[mb];
        if (ra != rb) {
            return ra > rb;
        }
        return a < b;
    }
}
