package io.corral.server.domain;

/**
 * A rebalance of a workspace: while it runs, the rebalancer may move replicas between healthy nodes
 * to even out the load (moves it starts carry the operation's id); it ends DONE when placement has
 * nothing left to move, or CANCELLED. Required moves (evacuating nodes, missing replicas) never wait
 * for an operation. Immutable.
 */
public record Operation(String id, String workspace, String kind, State state, long createdAtMs, long endedAtMs,
                        String createdBy) {

    /** An operation's state. */
    public enum State { RUNNING, DONE, CANCELLED }

    public static final String REBALANCE = "rebalance";

    public Operation ended(State end, long atMs) {
        return new Operation(id, workspace, kind, end, createdAtMs, atMs, createdBy);
    }
}
