package io.corral.agent.moves;

/**
 * A target's request to a donor: a snapshot of the shard, or the changes after {@code sincePosition};
 * with the fence the donor installs first and the move it belongs to (the donor serves only moves it
 * is the donor of). Immutable.
 */
public record TransferRequest(String moveId, ShardRef shard, Kind kind, long sincePosition, long fenceVersion) {
    /** What is asked for. */
    public enum Kind { SNAPSHOT, CHANGES }

    public static TransferRequest snapshot(String moveId, ShardRef shard, long fenceVersion) {
        return new TransferRequest(moveId, shard, Kind.SNAPSHOT, -1, fenceVersion);
    }

    public static TransferRequest changes(String moveId, ShardRef shard, long sincePosition, long fenceVersion) {
        return new TransferRequest(moveId, shard, Kind.CHANGES, sincePosition, fenceVersion);
    }
}
