package io.corral.server.domain;

/**
 * How keys find shards. {@code PARTITIONED}: a fixed number of partitions, each placed on nodes by
 * Corral (InfluxDB hash partitions, Redis slots, Helix); key → partition by jump hash of FNV-1a.
 * {@code RENDEZVOUS}: shards are node groups with never-reused ids and the key's owner is the shard
 * with the highest rendezvous score (Quiver); shards are added and removed explicitly.
 * See {@code docs/routing.md}.
 */
public enum RoutingStyle {
    PARTITIONED,
    RENDEZVOUS
}
