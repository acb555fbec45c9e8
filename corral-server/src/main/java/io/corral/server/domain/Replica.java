package io.corral.server.domain;

/**
 * One copy of a shard: on Corral node {@code nodeId} (null for a rendezvous shard known only by its
 * URL), at {@code url} (null when the node's own addresses apply), with its role and state.
 */
public record Replica(String nodeId, String url, Role role, State state) {

    /** A replica's role in its shard. */
    public enum Role { LEADER, FOLLOWER }

    /** {@code ACTIVE}: in sync and serving; {@code JOINING}: catching up; {@code LEAVING}: being removed. */
    public enum State { ACTIVE, JOINING, LEAVING }
}
