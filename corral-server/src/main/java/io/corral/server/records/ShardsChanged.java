package io.corral.server.records;

import io.corral.server.domain.Shard;
import java.util.List;

/**
 * Some shards of a resource changed: each of {@code set} replaces the shard with its id (or adds it),
 * each id in {@code removed} is dropped. Bumps the cluster map version by one.
 *
 * @param nextShardId the resource's next rendezvous shard id afterwards (never decreases)
 */
public record ShardsChanged(String workspace, String resourceId, List<Shard> set, List<Long> removed,
                            long nextShardId, String reason, long atMs, String actor) implements Record {
}
