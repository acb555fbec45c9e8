package io.corral.server.domain;

/**
 * One staged, persisted move of a shard replica from {@code fromNode} to {@code toNode}, copying
 * from {@code donorNode}. {@code fromNode} is null when a missing replica is added (the donor is then
 * another replica); the donor is the replaced replica when it is alive, else the shard's leader.
 * A move restarts its phase ({@code attempt} + 1) when the phase times out, and is rolled back when
 * attempts run out before the cutover. Immutable.
 *
 * @param operation the drain or rebalance this move belongs to, or null
 * @param error     the last failure (timeout, reported error), or null
 */
public record Move(String id, String workspace, String resourceId, long shardId, String fromNode, String toNode,
                   String donorNode, MovePhase phase, int attempt, long phaseStartedAtMs, long createdAtMs,
                   long updatedAtMs, String reason, String error, MoveProgress progress, String operation) {

    /** The same move in another phase, its clock restarted and progress cleared. */
    public Move toPhase(MovePhase next, long nowMs, String err) {
        return new Move(id, workspace, resourceId, shardId, fromNode, toNode, donorNode, next, 1, nowMs, createdAtMs,
                nowMs, reason, err, MoveProgress.NONE, operation);
    }

    /** The same phase started again after a failure. */
    public Move retried(long nowMs, String err) {
        return new Move(id, workspace, resourceId, shardId, fromNode, toNode, donorNode, phase, attempt + 1, nowMs,
                createdAtMs, nowMs, reason, err, MoveProgress.NONE, operation);
    }

    public Move withProgress(MoveProgress p, long nowMs) {
        return new Move(id, workspace, resourceId, shardId, fromNode, toNode, donorNode, phase, attempt,
                phaseStartedAtMs, createdAtMs, nowMs, reason, error, p, operation);
    }

    /** Whether {@code nodeId} takes part (as source, target or donor). */
    public boolean involves(String nodeId) {
        return nodeId.equals(fromNode) || nodeId.equals(toNode) || nodeId.equals(donorNode);
    }
}
