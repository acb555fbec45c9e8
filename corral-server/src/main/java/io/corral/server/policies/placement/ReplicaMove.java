package io.corral.server.policies.placement;

/**
 * One change of a shard's replica set: {@code from} null adds a replica on {@code to}; {@code to} null
 * drops the replica on {@code from}; both set moves it.
 */
public record ReplicaMove(ShardRef shard, String from, String to) {
}
