package io.corral.server.domain;

import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * The placement of one resource's shards. {@code version} is the cluster map version at which it last
 * changed; {@code nextShardId} is the next id a rendezvous shard gets (ids are never reused).
 */
public record ResourceMap(long version, long nextShardId, PSortedMap<Long, Shard> shards) {
    public static final ResourceMap EMPTY = new ResourceMap(0, 0, TreePMap.empty());
}
