package io.corral.server.policies.placement;

import io.corral.client.routing.SplitMix64;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Hierarchical weighted rendezvous hashing over a resource's balance set, with bounded loads.
 *
 * <p>The nodes are the leaves of a tree: each zone is a subtree, and any vertex with more than
 * {@link #FAN_OUT} children is split into balanced groups, so the tree is shallow and every vertex has at
 * most {@code FAN_OUT} children. To pick a node for a shard, the walk starts at the root and at each vertex
 * ranks the children by their weighted rendezvous score for the shard, {@code -w / ln(u)} with {@code u}
 * uniform in (0, 1) taken from {@code splitmix64(shardHash ^ childSeed)} and {@code w} the summed weight
 * below the child, then descends into the best child that still has a node with spare capacity and is not
 * excluded, backtracking to the next best when a subtree turns out to hold only excluded nodes. A node is
 * thus chosen with probability proportional to its weight, at a cost of {@code O(FAN_OUT * depth)} hashes
 * instead of one per node. Since {@code -w / ln(u)} grows with {@code u} for a fixed {@code w}, only the
 * best child of each distinct weight needs a logarithm.
 *
 * <p>Spare capacity is kept as a count of leaves with room per vertex and updated on every change, so
 * full subtrees are skipped without being scored.
 */
final class CandidateTree {
    static final int FAN_OUT = 32;
    private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

    private final IntPredicate hasSpare;
    /** Vertices are numbered breadth-first, so the children of v are first[v] .. end[v] - 1. */
    private final int[] first;
    private final int[] end;
    private final long[] seed;
    private final int[] zoneOf;
    private final int[] leafNode;
    private final int[] parent;
    private final int[] spare;
    /** Index of the vertex's weight among its siblings' distinct weights. */
    private final int[] weightClass;
    /** Distinct child weights of each vertex: classWeight[classStart[v] ..< classStart[v + 1]]. */
    private final int[] classStart;
    private final double[] classWeight;
    private final int[] blocked;
    private int stamp;
    private final int[] leafOfNode;
    private final int[] zoneVertex;
    private final int root = 0;
    /** Scores of the root's children for the last shard asked about: a shard's replicas share them. */
    private long rootCacheShard;
    private boolean rootCacheValid;
    private long[] rootCache = new long[0];
    private long[][] bestHash = new long[4][];
    private int[][] bestChild = new int[4][];
    private int[][] tried = new int[4][];

    /** A vertex while building, before breadth-first numbering. */
    private static final class Draft {
        final List<Draft> kids = new ArrayList<>();
        double weight;
        long seed;
        int zone = -1;
        int node = -1;
    }

    /**
     * @param members  the nodes, by index
     * @param weights  their weights ({@code weights[i]} for {@code members[i]}), positive
     * @param hasSpare whether a node can take one more replica; see {@link #recount()} and {@link #update(int)}
     */
    CandidateTree(NodeIndex nodes, int[] members, double[] weights, IntPredicate hasSpare) {
        this.hasSpare = hasSpare;
        this.leafOfNode = new int[nodes.size()];
        Arrays.fill(leafOfNode, -1);
        this.zoneVertex = new int[nodes.zoneCount];
        Arrays.fill(zoneVertex, -1);
        Draft top = buildDrafts(nodes, members, weights);
        List<Draft> order = new ArrayList<>();
        ArrayDeque<Draft> queue = new ArrayDeque<>();
        queue.add(top);
        while (!queue.isEmpty()) {
            Draft d = queue.poll();
            order.add(d);
            queue.addAll(d.kids);
        }
        int v = order.size();
        first = new int[v];
        end = new int[v];
        seed = new long[v];
        zoneOf = new int[v];
        leafNode = new int[v];
        parent = new int[v];
        spare = new int[v];
        weightClass = new int[v];
        classStart = new int[v + 1];
        blocked = new int[v];
        double[] classes = new double[v];
        int next = 1;
        int classCount = 0;
        parent[0] = -1;
        for (int i = 0; i < v; i++) {
            Draft d = order.get(i);
            seed[i] = d.seed;
            zoneOf[i] = d.zone;
            leafNode[i] = d.node;
            if (d.node >= 0) {
                leafOfNode[d.node] = i;
            }
            if (d.zone >= 0) {
                zoneVertex[d.zone] = i;
            }
            first[i] = next;
            classStart[i] = classCount;
            for (Draft kid : d.kids) {
                int c = next++;
                parent[c] = i;
                int k = classStart[i];
                while (k < classCount && classes[k] != kid.weight) {
                    k++;
                }
                if (k == classCount) {
                    classes[classCount++] = kid.weight;
                }
                weightClass[c] = k - classStart[i];
            }
            end[i] = next;
        }
        classStart[v] = classCount;
        classWeight = Arrays.copyOf(classes, classCount);
        recount();
    }

    private Draft buildDrafts(NodeIndex nodes, int[] members, double[] weights) {
        Integer[] order = new Integer[members.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(nodes.zone[members[a]], nodes.zone[members[b]]);
            return c != 0 ? c : Integer.compare(members[a], members[b]);
        });
        List<Draft> zones = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            int zone = nodes.zone[members[order[i]]];
            List<Draft> leaves = new ArrayList<>();
            while (i < order.length && nodes.zone[members[order[i]]] == zone) {
                Draft leaf = new Draft();
                leaf.node = members[order[i]];
                leaf.weight = weights[order[i]];
                leaf.seed = nodes.seed[leaf.node];
                leaves.add(leaf);
                i++;
            }
            Draft z = group(reduce(leaves), nodes.zoneSeed[zone]);
            z.zone = zone;
            zones.add(z);
        }
        return group(reduce(zones), 0x5EEDL);
    }

    /**
     * Groups vertices into about the square root of their number of balanced chunks (sizes differ by at most
     * one), until at most FAN_OUT remain: about {@code 2 * sqrt(n)} scores per level instead of {@code n}.
     */
    private static List<Draft> reduce(List<Draft> vertices) {
        while (vertices.size() > FAN_OUT) {
            int groups = (int) Math.ceil(Math.sqrt(vertices.size()));
            List<Draft> next = new ArrayList<>(groups);
            int from = 0;
            for (int g = 0; g < groups; g++) {
                int to = (int) ((long) vertices.size() * (g + 1) / groups);
                long groupSeed = 0;
                for (Draft d : vertices.subList(from, to)) {
                    groupSeed = SplitMix64.mix(groupSeed ^ d.seed);
                }
                next.add(group(vertices.subList(from, to), groupSeed));
                from = to;
            }
            vertices = next;
        }
        return vertices;
    }

    private static Draft group(List<Draft> kids, long groupSeed) {
        Draft g = new Draft();
        g.kids.addAll(kids);
        g.seed = groupSeed;
        for (Draft k : kids) {
            g.weight += k.weight;
        }
        return g;
    }

    /** Recomputes every node's spare flag, e.g. after the capacity rule changed. */
    void recount() {
        Arrays.fill(spare, 0);
        for (int v = 0; v < spare.length; v++) {
            if (leafNode[v] >= 0 && hasSpare.test(leafNode[v])) {
                for (int a = v; a >= 0; a = parent[a]) {
                    spare[a]++;
                }
            }
        }
    }

    /** Re-reads the spare flag of {@code node} after its load changed. No-op for nodes not in the tree. */
    void update(int node) {
        int leaf = leafOfNode[node];
        if (leaf < 0) {
            return;
        }
        int delta = (hasSpare.test(node) ? 1 : 0) - spare[leaf];
        if (delta != 0) {
            for (int a = leaf; a >= 0; a = parent[a]) {
                spare[a] += delta;
            }
        }
    }

    /** True when some node in the tree has spare capacity. */
    boolean anySpare() {
        return spare[root] > 0;
    }

    /**
     * The best node with spare capacity for the shard, skipping {@code excludedNodes} and the zones in
     * {@code excludedZones}; -1 when there is none.
     */
    int select(long shardHash, int[] excludedNodes, int excludedNodeCount, int[] excludedZones, int excludedZoneCount) {
        if (spare[root] == 0) {
            return -1;
        }
        stamp++;
        for (int i = 0; i < excludedNodeCount; i++) {
            int leaf = leafOfNode[excludedNodes[i]];
            if (leaf >= 0) {
                blocked[leaf] = stamp;
            }
        }
        for (int i = 0; i < excludedZoneCount; i++) {
            int z = zoneVertex[excludedZones[i]];
            if (z >= 0) {
                blocked[z] = stamp;
            }
        }
        return walk(shardHash);
    }

    /**
     * Walks down from the root taking the best child each time; when a subtree turns out to hold only
     * excluded nodes, the backtracking search below gives the same answer the walk would have with
     * backtracking.
     */
    private int walk(long shardHash) {
        int v = root;
        while (true) {
            int chosen = bestChild(v, v == root ? rootScores(shardHash) : null, shardHash, null, 0, 0);
            if (chosen < 0) {
                return v == root ? -1 : descend(root, 0, shardHash);
            }
            if (leafNode[chosen] >= 0) {
                return leafNode[chosen];
            }
            v = chosen;
        }
    }

    private int descend(int v, int depth, long shardHash) {
        if (depth == tried.length) {
            tried = Arrays.copyOf(tried, depth * 2);
        }
        if (tried[depth] == null) {
            tried[depth] = new int[FAN_OUT];
        }
        int[] done = tried[depth];
        int triedCount = 0;
        long[] cached = v == root ? rootScores(shardHash) : null;
        while (true) {
            int chosen = bestChild(v, cached, shardHash, done, triedCount, depth);
            if (chosen < 0) {
                return -1;
            }
            if (leafNode[chosen] >= 0) {
                return leafNode[chosen];
            }
            int found = descend(chosen, depth + 1, shardHash);
            if (found >= 0) {
                return found;
            }
            done[triedCount++] = chosen;
        }
    }

    /** The best child of {@code v} with spare capacity, not excluded and not in {@code done}; -1 if none. */
    private int bestChild(int v, long[] cached, long shardHash, int[] done, int doneCount, int depth) {
        int from = first[v];
        int to = end[v];
        int classes = classStart[v + 1] - classStart[v];
        if (classes == 1) {
            int best = -1;
            long top = 0;
            for (int c = from; c < to; c++) {
                if (spare[c] == 0 || blocked[c] == stamp || (doneCount > 0 && contains(done, doneCount, c))) {
                    continue;
                }
                long h = cached != null ? cached[c - from] : SplitMix64.mix(shardHash ^ seed[c]);
                if (best < 0 || Long.compareUnsigned(h, top) > 0) {
                    best = c;
                    top = h;
                }
            }
            return best;
        }
        if (depth >= bestHash.length) {
            bestHash = Arrays.copyOf(bestHash, depth * 2 + 1);
            bestChild = Arrays.copyOf(bestChild, depth * 2 + 1);
        }
        if (bestHash[depth] == null) {
            bestHash[depth] = new long[FAN_OUT];
            bestChild[depth] = new int[FAN_OUT];
        }
        long[] hashes = bestHash[depth];
        int[] best = bestChild[depth];
        Arrays.fill(best, 0, classes, -1);
        for (int c = from; c < to; c++) {
            if (spare[c] == 0 || blocked[c] == stamp || (doneCount > 0 && contains(done, doneCount, c))) {
                continue;
            }
            long h = cached != null ? cached[c - from] : SplitMix64.mix(shardHash ^ seed[c]);
            int k = weightClass[c];
            if (best[k] < 0 || Long.compareUnsigned(h, hashes[k]) > 0) {
                best[k] = c;
                hashes[k] = h;
            }
        }
        int chosen = -1;
        double chosenScore = 0;
        for (int k = 0; k < classes; k++) {
            if (best[k] < 0) {
                continue;
            }
            double u = ((hashes[k] >>> 11) + 0.5) * TWO_POW_MINUS_53;
            double score = -classWeight[classStart[v] + k] / StrictMath.log(u);
            if (chosen < 0 || score > chosenScore || (score == chosenScore && best[k] < chosen)) {
                chosen = best[k];
                chosenScore = score;
            }
        }
        return chosen;
    }

    private long[] rootScores(long shardHash) {
        if (!rootCacheValid || rootCacheShard != shardHash) {
            int n = end[root] - first[root];
            if (rootCache.length < n) {
                rootCache = new long[n];
            }
            for (int i = 0; i < n; i++) {
                rootCache[i] = SplitMix64.mix(shardHash ^ seed[first[root] + i]);
            }
            rootCacheShard = shardHash;
            rootCacheValid = true;
        }
        return rootCache;
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
