package io.corral.server.policies.placement;

/** One shard: a partition of a resource. Ordered by resource id, then partition. */
public record ShardRef(String resourceId, int partition) implements Comparable<ShardRef> {
    @Override
    public int compareTo(ShardRef o) {
        int c = resourceId.compareTo(o.resourceId);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }
}
