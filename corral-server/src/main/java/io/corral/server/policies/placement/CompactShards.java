package io.corral.server.policies.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource's shard lists (node ids, leader first) for the shards {@code 0..shards-1}, all present, held
 * as int arrays over a sorted table of node ids: one int per replica instead of a map entry, a shard and a
 * replica object. Immutable once built; it depends only on the lists given to the {@link Builder}, not on
 * any node set, so it stays valid for as long as those lists do.
 *
 * <p>{@link #assignment} turns such resources into a placement's {@code current} assignment that
 * {@link HierarchicalPlacement} reads without hashing node ids; {@link #changed} compares a placement's
 * assignment against one of them without looking at node ids either.
 */
public final class CompactShards {
    private final String resourceId;
    private final int shards;
    private final int stride;
    private final int[] slots;
    private final int[] counts;
    private final String[] nodeIds;

    private CompactShards(String resourceId, int shards, int stride, int[] slots, int[] counts, String[] nodeIds) {
        this.resourceId = resourceId;
        this.shards = shards;
        this.stride = stride;
        this.slots = slots;
        this.counts = counts;
        this.nodeIds = nodeIds;
    }

    public String resourceId() {
        return resourceId;
    }

    /** The number of shards: the lists are those of shards {@code 0..shards()-1}. */
    public int shards() {
        return shards;
    }

    /**
     * Collects the lists of shards 0, 1, 2, … in that order. Not thread-safe; use once. Started from an earlier
     * {@link CompactShards}, it can copy that one's lists ({@link #addSame}) without looking at node ids.
     */
    public static final class Builder {
        private final String resourceId;
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> ids = new ArrayList<>();
        private final CompactShards previous;
        private final IntList codes;
        private final IntList counts;
        private int stride;

        public Builder(String resourceId) {
            this(resourceId, null);
        }

        /** A builder whose {@link #addSame} copies lists of {@code previous} (of any resource; may be null). */
        public Builder(String resourceId, CompactShards previous) {
            this.resourceId = resourceId;
            this.previous = previous;
            this.codes = new IntList(previous == null ? 1024 : previous.slots.length);
            this.counts = new IntList(previous == null ? 1024 : previous.shards + 1);
            if (previous != null) {
                for (String id : previous.nodeIds) {
                    index.put(id, ids.size());
                    ids.add(id);
                }
            }
        }

        /** Adds the next shard's node ids (leader first); none may be null. */
        public Builder add(List<String> nodeIds) {
            for (int i = 0; i < nodeIds.size(); i++) {
                String id = nodeIds.get(i);
                if (id == null) {
                    throw new IllegalArgumentException("a null node id in shard " + counts.size());
                }
                Integer code = index.get(id);
                if (code == null) {
                    code = ids.size();
                    index.put(id, code);
                    ids.add(id);
                }
                codes.add(code);
            }
            counts.add(nodeIds.size());
            stride = Math.max(stride, nodeIds.size());
            return this;
        }

        /** Adds as the next shard the list of shard {@code p} of the {@code previous} this builder started from. */
        public Builder addSame(int p) {
            if (previous == null || p < 0 || p >= previous.shards) {
                throw new IllegalArgumentException("no earlier shard " + p);
            }
            int count = previous.counts[p];
            for (int i = 0; i < count; i++) {
                codes.add(previous.slots[p * previous.stride + i]);
            }
            counts.add(count);
            stride = Math.max(stride, count);
            return this;
        }

        public CompactShards build() {
            // Sort the node table, so that it matches the placement's own node order whenever the node sets agree.
            String[] sorted = ids.toArray(new String[0]);
            Arrays.sort(sorted);
            int[] renumber = new int[sorted.length];
            boolean identity = true;
            for (int k = 0; k < sorted.length; k++) {
                int was = index.get(sorted[k]);
                renumber[was] = k;
                identity &= was == k;
            }
            int n = counts.size();
            int width = Math.max(stride, 1);
            int[] raw = codes.raw();
            int[] slots = new int[n * width];
            int[] shardCounts = new int[n];
            int from = 0;
            for (int p = 0; p < n; p++) {
                int count = counts.get(p);
                shardCounts[p] = count;
                for (int i = 0; i < count; i++) {
                    int code = raw[from + i];
                    slots[p * width + i] = identity ? code : renumber[code];
                }
                from += count;
            }
            return new CompactShards(resourceId, n, width, slots, shardCounts, sorted);
        }
    }

    /**
     * The assignment of {@code resources} (distinct resource ids) as a placement input's {@code current} map:
     * equal, as a map, to the shard lists they hold, and read by {@link HierarchicalPlacement} without hashing
     * node ids.
     */
    public static Map<ShardRef, List<String>> assignment(List<CompactShards> resources) {
        List<CompactShards> byId = new ArrayList<>(resources);
        byId.sort((a, b) -> a.resourceId.compareTo(b.resourceId));
        int r = byId.size();
        // One node table for all: the first resource's when every resource uses an equal one.
        String[] table = r == 0 ? new String[0] : byId.get(0).nodeIds;
        boolean shared = true;
        for (CompactShards c : byId) {
            shared &= Arrays.equals(c.nodeIds, table);
        }
        if (!shared) {
            java.util.TreeSet<String> all = new java.util.TreeSet<>();
            byId.forEach(c -> all.addAll(Arrays.asList(c.nodeIds)));
            table = all.toArray(new String[0]);
        }
        String[] ids = new String[r];
        int[] partitions = new int[r];
        int[] strides = new int[r];
        int[][] slots = new int[r][];
        int[][] counts = new int[r][];
        for (int k = 0; k < r; k++) {
            CompactShards c = byId.get(k);
            if (k > 0 && ids[k - 1].equals(c.resourceId)) {
                throw new IllegalArgumentException("resource " + c.resourceId + " given twice");
            }
            ids[k] = c.resourceId;
            partitions[k] = c.shards;
            strides[k] = c.stride;
            counts[k] = c.counts;
            slots[k] = shared ? c.slots : translated(c, table);
        }
        return new AssignmentView(ids, partitions, strides, slots, counts, table);
    }

    private static int[] translated(CompactShards c, String[] table) {
        int[] to = new int[c.nodeIds.length];
        for (int i = 0; i < to.length; i++) {
            to[i] = Arrays.binarySearch(table, c.nodeIds[i]);
        }
        int[] out = new int[c.slots.length];
        for (int p = 0; p < c.shards; p++) {
            for (int i = 0; i < c.counts[p]; i++) {
                out[p * c.stride + i] = to[c.slots[p * c.stride + i]];
            }
        }
        return out;
    }

    /**
     * The resource ids of {@code assignment} when it is a placement's own result ({@link PlacementResult#assignment()}
     * as {@link HierarchicalPlacement} returns it, including shortcut shards laid over it, or {@link #assignment}),
     * in order; null for any other map.
     */
    public static List<String> resourceIds(Map<ShardRef, List<String>> assignment) {
        AssignmentView view = base(assignment);
        return view == null ? null : List.of(view.resourceIds);
    }

    /** The view under a placement's own assignment (which may have shortcut shards laid over it), or null. */
    private static AssignmentView base(Map<ShardRef, List<String>> assignment) {
        Map<ShardRef, List<String>> m = assignment;
        while (m instanceof Shortcuts.Overlay) {
            m = ((Shortcuts.Overlay) m).base;
        }
        return m instanceof AssignmentView ? (AssignmentView) m : null;
    }

    /** Partitions of {@code resourceId} whose lists some overlay above the view replaced. */
    private static java.util.TreeSet<Integer> overlaid(Map<ShardRef, List<String>> assignment, String resourceId) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        Map<ShardRef, List<String>> m = assignment;
        while (m instanceof Shortcuts.Overlay) {
            for (ShardRef ref : ((Shortcuts.Overlay) m).changed.keySet()) {
                if (ref.resourceId().equals(resourceId)) {
                    out.add(ref.partition());
                }
            }
            m = ((Shortcuts.Overlay) m).base;
        }
        return out;
    }

    /** Whether shard {@code p} here has exactly {@code nodeIds}, in order. */
    private boolean holds(int p, List<String> ids) {
        if (p >= shards || counts[p] != ids.size()) {
            return false;
        }
        for (int i = 0; i < counts[p]; i++) {
            if (!nodeIds[slots[p * stride + i]].equals(ids.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** How a placement's assignment of one resource differs from a {@link CompactShards} of it. */
    public record Changes(int shards, int[] changed) {
        /**
         * @param shards  the number of shards the assignment has for the resource (0 .. shards-1)
         * @param changed in increasing order, the shards below {@code shards} whose node list (in order) differs
         *                from the compact one's, or that the compact one lacks
         */
        public Changes {
        }
    }

    /**
     * How the node lists of {@code before}'s resource in {@code assignment} differ from {@code before}; null when
     * {@code assignment} is not a placement's own result (see {@link #resourceIds}). Costs a few int comparisons
     * per replica, no hashing.
     */
    public static Changes changed(Map<ShardRef, List<String>> assignment, CompactShards before) {
        AssignmentView view = base(assignment);
        if (view == null) {
            return null;
        }
        int r = Arrays.binarySearch(view.resourceIds, before.resourceId);
        if (r < 0) {
            return new Changes(0, new int[0]);
        }
        int[] to = new int[view.nodeIds.length];
        for (int i = 0; i < to.length; i++) {
            int k = Arrays.binarySearch(before.nodeIds, view.nodeIds[i]);
            to[i] = k >= 0 ? k : -1;
        }
        int shards = view.partitions[r];
        int viewStride = view.replicationFactors[r];
        int[] viewSlots = view.slots[r];
        int[] viewCounts = view.counts[r];
        int[] changed = new int[16];
        int n = 0;
        for (int p = 0; p < shards; p++) {
            boolean same = p < before.shards && viewCounts[p] == before.counts[p];
            for (int i = 0; same && i < viewCounts[p]; i++) {
                same = to[viewSlots[p * viewStride + i]] == before.slots[p * before.stride + i];
            }
            if (!same) {
                if (n == changed.length) {
                    changed = Arrays.copyOf(changed, n * 2);
                }
                changed[n++] = p;
            }
        }
        java.util.TreeSet<Integer> overlaid = overlaid(assignment, before.resourceId);
        if (overlaid.isEmpty()) {
            return new Changes(shards, Arrays.copyOf(changed, n));
        }
        java.util.TreeSet<Integer> merged = new java.util.TreeSet<>();
        for (int k = 0; k < n; k++) {
            merged.add(changed[k]);
        }
        for (int p : overlaid) {
            if (before.holds(p, assignment.get(new ShardRef(before.resourceId, p)))) {
                merged.remove(p);
            } else {
                merged.add(p);
            }
        }
        return new Changes(shards, merged.stream().mapToInt(Integer::intValue).toArray());
    }
}
