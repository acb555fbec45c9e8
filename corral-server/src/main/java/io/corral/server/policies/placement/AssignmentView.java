package io.corral.server.policies.placement;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A placement's assignment as a compact, immutable map: node ids per shard (leader first) for every shard
 * of every placed resource, iterated in {@link ShardRef} order. It keeps one int per replica instead of a
 * map entry and a list per shard; the lists it hands out are read-only views. Equality and hash code are
 * those of {@link Map} and {@link List}, so it compares equal to any map with the same content.
 *
 * <p>Passing it back as the {@code current} assignment of the next placement lets that placement read it
 * without hashing every replica's node id.
 */
final class AssignmentView extends AbstractMap<ShardRef, List<String>> {
    final String[] resourceIds;
    final int[] partitions;
    final int[] replicationFactors;
    final int[][] slots;
    final int[][] counts;
    final String[] nodeIds;
    private final int size;

    /** Resources must be sorted by id; the arrays are taken over, not copied, and must not change later. */
    AssignmentView(String[] resourceIds, int[] partitions, int[] replicationFactors, int[][] slots, int[][] counts,
                   String[] nodeIds) {
        this.resourceIds = resourceIds;
        this.partitions = partitions;
        this.replicationFactors = replicationFactors;
        this.slots = slots;
        this.counts = counts;
        this.nodeIds = nodeIds;
        long total = 0;
        for (int p : partitions) {
            total += p;
        }
        this.size = (int) Math.min(Integer.MAX_VALUE, total);
    }

    private int resourceIndex(String id) {
        int i = Arrays.binarySearch(resourceIds, id);
        return i >= 0 ? i : -1;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public List<String> get(Object key) {
        if (!(key instanceof ShardRef) || ((ShardRef) key).resourceId() == null) {
            return null;
        }
        ShardRef ref = (ShardRef) key;
        int r = resourceIndex(ref.resourceId());
        if (r < 0 || ref.partition() < 0 || ref.partition() >= partitions[r]) {
            return null;
        }
        return replicas(r, ref.partition());
    }

    List<String> replicas(int r, int p) {
        return new Replicas(slots[r], p * replicationFactors[r], counts[r][p], nodeIds);
    }

    /** Equal as maps; without a walk when {@code o} is a view over the very same arrays. */
    @Override
    public boolean equals(Object o) {
        if (o instanceof AssignmentView && sharesArrays((AssignmentView) o)) {
            return true;
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    private boolean sharesArrays(AssignmentView v) {
        if (!Arrays.equals(resourceIds, v.resourceIds) || !Arrays.equals(partitions, v.partitions)
                || !Arrays.equals(replicationFactors, v.replicationFactors) || !Arrays.equals(nodeIds, v.nodeIds)) {
            return false;
        }
        for (int r = 0; r < resourceIds.length; r++) {
            if (slots[r] != v.slots[r] || counts[r] != v.counts[r]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<Entry<ShardRef, List<String>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<ShardRef, List<String>>> iterator() {
                return new Iterator<>() {
                    private int r = 0;
                    private int p = 0;

                    private void skipEmpty() {
                        while (r < resourceIds.length && p >= partitions[r]) {
                            r++;
                            p = 0;
                        }
                    }

                    @Override
                    public boolean hasNext() {
                        skipEmpty();
                        return r < resourceIds.length;
                    }

                    @Override
                    public Entry<ShardRef, List<String>> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<ShardRef, List<String>> e =
                                new SimpleImmutableEntry<>(new ShardRef(resourceIds[r], p), replicas(r, p));
                        p++;
                        return e;
                    }
                };
            }
        };
    }

    /** A read-only view of one shard's node ids. */
    private static final class Replicas extends AbstractList<String> implements RandomAccess {
        private final int[] slots;
        private final int offset;
        private final int length;
        private final String[] nodeIds;

        Replicas(int[] slots, int offset, int length, String[] nodeIds) {
            this.slots = slots;
            this.offset = offset;
            this.length = length;
            this.nodeIds = nodeIds;
        }

        @Override
        public String get(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return nodeIds[slots[offset + index]];
        }

        @Override
        public int size() {
            return length;
        }
    }
}
