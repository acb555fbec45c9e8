package io.corral.agent.moves;

import java.io.IOException;
import java.io.InputStream;

/**
 * What a data node implements so its shards can be moved by Corral without losing a write. The
 * {@link MoveWorker} calls it for this node's part of each move; the {@link MoveExportHandler} calls the
 * export side when another node copies a shard from here. Implementations must be thread-safe: moves of
 * different shards run concurrently, and writes keep arriving throughout.
 *
 * <h2>The contract that makes a move lossless</h2>
 * While a move is under way, routers write to the target too (it is {@code joining} in the map). A write
 * sent with a map too old to show the target reaches only the old replicas. Therefore:
 * <ol>
 *   <li>{@link #exportSnapshot} (and {@link #exportChanges}) receive a {@code fenceVersion}: from the
 *       moment the export is taken, the donor must refuse every write to the shard that was routed with a
 *       resource map version below it (such a router does not know the target). The fence and the
 *       snapshot's position must be taken atomically with respect to writes.</li>
 *   <li>Imports must merge, never overwrite blindly: a value the target already holds from a dual write
 *       may be newer than the one in a snapshot (compare per-key versions).</li>
 *   <li>After {@link #drop} the node must refuse writes to the shard (a stale router could otherwise
 *       store a write only here and on other old replicas); a later {@link #importSnapshot} of the same
 *       shard makes it writable again.</li>
 * </ol>
 * Every method may be called again for the same shard (a phase is redone when its attempt changes).
 */
public interface MoveParticipant {

    /**
     * Donor side: fences writes routed with a map older than {@code fenceVersion}, then returns a
     * consistent snapshot of the shard and the log position it reflects.
     *
     * @throws ShardUnavailableException when this node does not hold the shard
     */
    ShardExport exportSnapshot(ShardRef shard, long fenceVersion);

    /**
     * Donor side: fences as {@link #exportSnapshot} does, then returns the writes applied after
     * {@code sincePosition} (a position an earlier export returned) and the position they reach.
     *
     * @throws ShardUnavailableException when this node does not hold the shard, or no longer has the
     *                                   writes since that position (the target then copies a snapshot)
     */
    ShardExport exportChanges(ShardRef shard, long sincePosition, long fenceVersion);

    /** Target side, phase {@code snapshot}: merges a snapshot read from {@code in} into the local copy. */
    void importSnapshot(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException;

    /** Target side, phase {@code catch_up}: applies changes read from {@code in} (merging by version). */
    void importChanges(ShardRef shard, InputStream in, ProgressReporter progress) throws IOException;

    /** Source side, phase {@code cleanup}: drops the local copy and refuses writes to it from now on. */
    void drop(ShardRef shard);

    /**
     * Target side: the move was cancelled or rolled back before its cutover, so the partial copy is
     * not needed. The default drops it.
     */
    default void abandon(ShardRef shard) {
        drop(shard);
    }
}
