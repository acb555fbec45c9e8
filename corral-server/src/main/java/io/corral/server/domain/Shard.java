package io.corral.server.domain;

import java.util.List;

/**
 * One shard of a resource: partition number (partitioned resources) or never-reused shard id
 * (rendezvous resources), its own state (a rendezvous shard may be joining or leaving the ring), and
 * its replicas, leader first.
 */
public record Shard(long id, State state, List<Replica> replicas) {

    /** {@code JOINING}: routed for writes, not yet for reads; {@code LEAVING}: being drained. */
    public enum State { ACTIVE, JOINING, LEAVING }

    public Shard {
        replicas = List.copyOf(replicas);
    }

    /** The leader replica, or null when the shard has no replicas. */
    public Replica leader() {
        return replicas.isEmpty() ? null : replicas.get(0);
    }
}
