package io.corral.agent.moves;

import io.corral.agent.CoordinatorException;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator calls a {@link MoveWorker} makes. {@link HttpMoveCoordinator} is the real one; tests
 * use an in-memory fake. Implementations are thread-safe.
 */
public interface MoveCoordinator {
    /** The moves under way that {@code nodeId} takes part in (as source, target or donor). */
    List<MoveTask> activeMoves(String nodeId) throws CoordinatorException;

    /** One move, finished or not; empty when the coordinator does not know it. */
    Optional<MoveTask> move(String moveId) throws CoordinatorException;

    /** Reports a step; an error when the coordinator refuses it (e.g. 409 for a phase not reached). */
    void report(String moveId, StepReport report) throws CoordinatorException;

    /** Where the shard's replicas are in the current map of its resource. */
    ShardPlacement placement(ShardRef shard) throws CoordinatorException;
}
