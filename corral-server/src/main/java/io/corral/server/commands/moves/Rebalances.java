package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MoveBook;
import io.corral.server.domain.Operation;
import io.corral.server.records.OperationRecorded;
import io.corral.server.records.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The commands of a workspace's rebalance operation: start, finish, cancel. */
public final class Rebalances {
    private Rebalances() {
    }

    /** Starts a rebalance of {@code workspace}; if one is running already, the reply is that one. */
    public record Start(String workspace) implements Command<Operation> {
        @Override
        public Outcome<Operation> execute(ClusterImage img, CommandContext ctx) {
            if (img.workspace(workspace).isEmpty()) {
                throw CorralException.workspaceNotFound(workspace);
            }
            var running = img.moves().runningRebalance(workspace);
            if (running.isPresent()) {
                return Outcome.unchanged(running.get());
            }
            Operation op = new Operation(MoveBook.operationId(img.moves().nextSeq()), workspace, Operation.REBALANCE,
                    Operation.State.RUNNING, ctx.nowMs(), 0, ctx.actor());
            return Outcome.of(op, new OperationRecorded(op, ctx.nowMs(), ctx.actor()));
        }
    }

    /** Ends a running rebalance as DONE once none of its moves is under way (the rebalancer found nothing left). */
    public record Finish(String operationId) implements Command<Boolean> {
        @Override
        public Outcome<Boolean> execute(ClusterImage img, CommandContext ctx) {
            Operation op = find(img, operationId);
            if (op == null || op.state() != Operation.State.RUNNING || !movesOf(img, operationId).isEmpty()) {
                return Outcome.unchanged(false);
            }
            Operation done = op.ended(Operation.State.DONE, ctx.nowMs());
            return Outcome.of(true, new OperationRecorded(done, ctx.nowMs(), ctx.actor()));
        }
    }

    /** Cancels the running rebalance of a workspace and rolls back its moves that have not cut over. */
    public record Cancel(String workspace) implements Command<Operation> {
        @Override
        public Outcome<Operation> execute(ClusterImage img, CommandContext ctx) {
            Operation op = img.moves().runningRebalance(workspace).orElseThrow(() -> new CorralException(
                    ErrorCode.INVALID_STATE_TRANSITION, "workspace '" + workspace + "' has no rebalance running",
                    Map.of("workspace_id", workspace)));
            List<Record> records = new ArrayList<>();
            ClusterImage working = img;
            for (Move m : movesOf(img, op.id())) {
                if (m.phase().beforeCutover()) {
                    Outcome<Move> rolled = MoveTransitions.rollBack(working, m,
                            io.corral.server.domain.MovePhase.CANCELLED, "rebalance cancelled", ctx);
                    records.addAll(rolled.records());
                    for (Record r : rolled.records()) {
                        working = io.corral.server.records.Replayer.apply(working, r);
                    }
                }
            }
            Operation cancelled = op.ended(Operation.State.CANCELLED, ctx.nowMs());
            records.add(new OperationRecorded(cancelled, ctx.nowMs(), ctx.actor()));
            return new Outcome<>(records, cancelled);
        }
    }

    static Operation find(ClusterImage img, String operationId) {
        for (Operation op : img.moves().operations().values()) {
            if (op.id().equals(operationId)) {
                return op;
            }
        }
        return null;
    }

    /** The moves under way that an operation started. */
    public static List<Move> movesOf(ClusterImage img, String operationId) {
        List<Move> out = new ArrayList<>();
        for (Move m : img.moves().active().values()) {
            if (operationId.equals(m.operation())) {
                out.add(m);
            }
        }
        return out;
    }
}
