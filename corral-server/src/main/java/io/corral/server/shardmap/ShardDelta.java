package io.corral.server.shardmap;

import io.corral.server.domain.Shard;
import java.util.List;

/** The shards of one resource to set (replace or add) and to remove, to go from its map to a target. */
public record ShardDelta(String resourceId, List<Shard> set, List<Long> removed) {
    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }
}
