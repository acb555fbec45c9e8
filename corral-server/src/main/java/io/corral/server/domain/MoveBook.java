package io.corral.server.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcollections.PSortedMap;
import org.pcollections.TreePMap;

/**
 * All moves: the ones under way by sequence number, and the newest {@link #FINISHED_KEPT} finished
 * ones. Move ids are {@code m<seq>}; sequence numbers are never reused. Immutable.
 */
public record MoveBook(long nextSeq, PSortedMap<Long, Move> active, PSortedMap<Long, Move> finished,
                       PSortedMap<Long, Operation> operations) {
    public static final int FINISHED_KEPT = 1_000;
    public static final int OPERATIONS_KEPT = 100;
    public static final MoveBook EMPTY = new MoveBook(1, TreePMap.empty(), TreePMap.empty(), TreePMap.empty());

    public MoveBook {
        operations = operations == null ? TreePMap.empty() : operations;
    }

    public static String id(long seq) {
        return "m" + seq;
    }

    /** The sequence number of a move id, or -1 when the id has the wrong form. */
    public static long seq(String id) {
        if (id == null || id.length() < 2 || id.charAt(0) != 'm') {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Optional<Move> find(String id) {
        long seq = seq(id);
        Move m = active.get(seq);
        return Optional.ofNullable(m != null ? m : finished.get(seq));
    }

    /** Applies a new value of a move: active while under way, finished (and bounded) once terminal. */
    public MoveBook with(Move m) {
        long seq = seq(m.id());
        PSortedMap<Long, Move> a = active.minus(seq);
        PSortedMap<Long, Move> f = finished;
        if (m.phase().terminal()) {
            f = f.plus(seq, m);
            while (f.size() > FINISHED_KEPT) {
                f = f.minus(f.firstKey());
            }
        } else {
            a = a.plus(seq, m);
        }
        return new MoveBook(Math.max(nextSeq, seq + 1), a, f, operations);
    }

    /** Operation ids are {@code op<seq>}, drawn from the same never-reused sequence as moves. */
    public static String operationId(long seq) {
        return "op" + seq;
    }

    /** Applies a new value of an operation (the newest {@link #OPERATIONS_KEPT} are kept). */
    public MoveBook with(Operation op) {
        long seq = Long.parseLong(op.id().substring(2));
        PSortedMap<Long, Operation> ops = operations.plus(seq, op);
        while (ops.size() > OPERATIONS_KEPT) {
            ops = ops.minus(ops.firstKey());
        }
        return new MoveBook(Math.max(nextSeq, seq + 1), active, finished, ops);
    }

    /** The running rebalance of a workspace, if any. */
    public Optional<Operation> runningRebalance(String workspace) {
        for (Operation op : operations.values()) {
            if (op.workspace().equals(workspace) && op.state() == Operation.State.RUNNING
                    && Operation.REBALANCE.equals(op.kind())) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The newest rebalance of a workspace, running or ended. */
    public Optional<Operation> latestRebalance(String workspace) {
        for (Operation op : operations.descendingMap().values()) {
            if (op.workspace().equals(workspace) && Operation.REBALANCE.equals(op.kind())) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The move under way on a shard, if any (a shard has at most one). */
    public Optional<Move> activeOn(String workspace, String resourceId, long shardId) {
        for (Move m : active.values()) {
            if (m.workspace().equals(workspace) && m.resourceId().equals(resourceId) && m.shardId() == shardId) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Moves under way that involve a node. */
    public List<Move> activeInvolving(String nodeId) {
        List<Move> out = new ArrayList<>();
        for (Move m : active.values()) {
            if (m.involves(nodeId)) {
                out.add(m);
            }
        }
        return out;
    }
}
