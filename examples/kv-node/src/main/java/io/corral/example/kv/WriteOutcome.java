package io.corral.example.kv;

/**
 * What a replica answered to a write: taken ({@code ACCEPTED}, also when an equal or newer version was
 * already there), refused because the writer's map is older than the shard's fence ({@code STALE_MAP},
 * with the fence), or refused because this node does not hold the shard any more ({@code NOT_HELD}).
 */
public record WriteOutcome(Kind kind, long fenceVersion) {
    public enum Kind { ACCEPTED, STALE_MAP, NOT_HELD }

    public static final WriteOutcome ACCEPTED = new WriteOutcome(Kind.ACCEPTED, 0);
    public static final WriteOutcome NOT_HELD = new WriteOutcome(Kind.NOT_HELD, 0);
}
