package io.corral.server.commands.moves;

import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.Shard;
import io.corral.server.records.MoveRecorded;
import io.corral.server.records.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The transitions of a move and the map edits each one makes, shared by the move commands. */
final class MoveTransitions {
    private MoveTransitions() {
    }

    static Move require(ClusterImage img, String moveId) {
        return img.moves().find(moveId).orElseThrow(() -> new CorralException(ErrorCode.MOVE_NOT_FOUND,
                "move '" + moveId + "' not found", Map.of("move_id", moveId)));
    }

    /** Enters {@code next}; at CLEANUP the map flips, at DONE the source is dropped. */
    static Outcome<Move> advance(ClusterImage img, Move m, MovePhase next, CommandContext ctx) {
        List<Record> records = new ArrayList<>();
        Shard s = ShardEdits.shard(img, m);
        MovePhase target = next;
        if (next == MovePhase.CLEANUP && s != null) {
            Shard flipped = ShardEdits.flipped(s, m);
            if (m.fromNode() == null) {
                target = MovePhase.DONE;
            }
            records.add(ShardEdits.record(img, m, flipped, "move " + m.id() + " cut over", ctx.nowMs(), ctx.actor()));
        } else if (next == MovePhase.DONE && s != null && m.fromNode() != null) {
            records.add(ShardEdits.record(img, m, ShardEdits.without(s, m.fromNode()), "move " + m.id() + " cleaned up",
                    ctx.nowMs(), ctx.actor()));
        }
        Move moved = m.toPhase(target, ctx.nowMs(), null);
        records.add(0, new MoveRecorded(moved, ctx.nowMs(), ctx.actor()));
        return new Outcome<>(records, moved);
    }

    /** Takes the target back out of the shard and ends the move as {@code end} (CANCELLED or FAILED). */
    static Outcome<Move> rollBack(ClusterImage img, Move m, MovePhase end, String why, CommandContext ctx) {
        List<Record> records = new ArrayList<>();
        Move ended = m.toPhase(end, ctx.nowMs(), why);
        records.add(new MoveRecorded(ended, ctx.nowMs(), ctx.actor()));
        Shard s = ShardEdits.shard(img, m);
        if (s != null) {
            records.add(ShardEdits.record(img, m, ShardEdits.without(s, m.toNode()), "move " + m.id() + " rolled back",
                    ctx.nowMs(), ctx.actor()));
        }
        return new Outcome<>(records, ended);
    }

    /**
     * A phase failed (timed out or reported): it starts again while attempts remain; then a move
     * before its cutover is rolled back (FAILED) and one after it keeps retrying (roll forward only).
     */
    static Outcome<Move> failed(ClusterImage img, Move m, String why, MoveLimits limits, CommandContext ctx) {
        if (m.attempt() < limits.maxAttempts() || !m.phase().beforeCutover()) {
            Move retried = m.retried(ctx.nowMs(), why);
            return Outcome.of(retried, new MoveRecorded(retried, ctx.nowMs(), ctx.actor()));
        }
        return rollBack(img, m, MovePhase.FAILED, why + "; gave up after " + m.attempt() + " attempts", ctx);
    }
}
