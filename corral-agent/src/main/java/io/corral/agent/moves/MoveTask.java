package io.corral.agent.moves;

/**
 * A move as the coordinator last described it: which shard goes from {@code sourceNode} (null when a
 * replica is added) to {@code targetNode}, copied from {@code donorNode}, in which phase and attempt.
 * A new attempt of the same phase means the coordinator gave up on the previous one (it timed out or
 * failed) and the phase must be done again. Immutable.
 */
public record MoveTask(String moveId, ShardRef shard, MovePhase phase, int attempt, String sourceNode,
                       String targetNode, String donorNode) {

    public boolean isTarget(String nodeId) {
        return nodeId.equals(targetNode);
    }

    public boolean isSource(String nodeId) {
        return nodeId.equals(sourceNode);
    }

    public boolean isDonor(String nodeId) {
        return nodeId.equals(donorNode);
    }

    /** Phase and attempt, e.g. {@code snapshot#2}: a change of it means new work. */
    public String stepKey() {
        return phase.name().toLowerCase(java.util.Locale.ROOT) + "#" + attempt;
    }
}
