package io.corral.agent.moves;

/**
 * One shard of a partitioned resource: for a partitioned resource the shard id is the partition number.
 * Immutable; a value (equal when resource and shard are).
 */
public record ShardRef(String resourceId, long shardId) {
    public ShardRef {
        if (resourceId == null || resourceId.isBlank()) {
            throw new IllegalArgumentException("a resource id is required");
        }
        if (shardId < 0) {
            throw new IllegalArgumentException("shard ids are not negative, got " + shardId);
        }
    }

    @Override
    public String toString() {
        return resourceId + "/" + shardId;
    }
}
