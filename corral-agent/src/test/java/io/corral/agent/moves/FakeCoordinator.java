package io.corral.agent.moves;

import io.corral.agent.CoordinatorException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory coordinator that runs moves as the real one does: a finished phase advances the move, a
 * caught-up move is cut over at once (the map gains the target as a holder, the source stays until its
 * cleanup), {@code fail} starts the phase again and rolls the move back after {@code maxAttempts}.
 */
final class FakeCoordinator implements MoveCoordinator {
    private final Map<String, MoveTask> moves = new HashMap<>();
    private final Map<ShardRef, Map<String, String>> holders = new HashMap<>();
    private final List<String> reports = new ArrayList<>();
    /** Reports refused because the attempt they were about was over. */
    private int staleReports;
    private final Map<String, String> urls;
    private final int maxAttempts;
    private long mapVersion = 1;

    FakeCoordinator(Map<String, String> urls, int maxAttempts) {
        this.urls = urls;
        this.maxAttempts = maxAttempts;
    }

    synchronized void place(ShardRef shard, String... nodes) {
        Map<String, String> h = holders.computeIfAbsent(shard, k -> new HashMap<>());
        for (String n : nodes) {
            h.put(n, urls.get(n));
        }
        mapVersion++;
    }

    synchronized void startMove(String id, ShardRef shard, String from, String to) {
        moves.put(id, new MoveTask(id, shard, MovePhase.SNAPSHOT, 1, from, to, from));
        place(shard, to);
    }

    /** The coordinator's own timeout: the phase starts again. */
    synchronized void restartPhase(String id) {
        MoveTask m = moves.get(id);
        moves.put(id, with(m, m.phase(), m.attempt() + 1));
    }

    /** An operator's cancel before the cutover: the target leaves the shard. */
    synchronized void cancel(String id) {
        MoveTask m = moves.get(id);
        moves.put(id, with(m, MovePhase.CANCELLED, m.attempt()));
        holders.get(m.shard()).remove(m.targetNode());
        mapVersion++;
    }

    synchronized MoveTask get(String id) {
        return moves.get(id);
    }

    synchronized long mapVersion() {
        return mapVersion;
    }

    synchronized List<String> reports() {
        return new ArrayList<>(reports);
    }

    synchronized int staleReports() {
        return staleReports;
    }

    synchronized long count(String step) {
        return reports.stream().filter(r -> r.startsWith(step)).count();
    }

    private static MoveTask with(MoveTask m, MovePhase p, int attempt) {
        return new MoveTask(m.moveId(), m.shard(), p, attempt, m.sourceNode(), m.targetNode(), m.donorNode());
    }

    @Override
    public synchronized List<MoveTask> activeMoves(String nodeId) {
        List<MoveTask> out = new ArrayList<>();
        for (MoveTask m : moves.values()) {
            if (!m.phase().terminal() && (m.isSource(nodeId) || m.isTarget(nodeId) || m.isDonor(nodeId))) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<MoveTask> move(String moveId) {
        return Optional.ofNullable(moves.get(moveId));
    }

    @Override
    public synchronized void report(String moveId, StepReport r) throws CoordinatorException {
        MoveTask m = moves.get(moveId);
        if (m == null) {
            throw new CoordinatorException(404, "MOVE_NOT_FOUND", "no move " + moveId, null);
        }
        // As the coordinator does: every report names its attempt, and one about an attempt that is over is refused.
        if (r.phase() == null || r.attempt() < 1) {
            throw new AssertionError("a report without the attempt it is about: " + r);
        }
        boolean current = r.phase().equals(m.phase().name().toLowerCase(java.util.Locale.ROOT))
                && r.attempt() == m.attempt();
        boolean aboutThisPhase = r.step().equals("progress") || r.step().equals("fail")
                || r.phase().equals(m.phase().name().toLowerCase(java.util.Locale.ROOT));
        if (aboutThisPhase && !current) {
            staleReports++;
            throw new CoordinatorException(409, "INVALID_STATE_TRANSITION", "attempt " + r.attempt() + " of "
                    + r.phase() + " is over", null);
        }
        reports.add(r.step() + (r.step().equals("progress") ? " bytes " + r.bytesDone() + "/" + r.bytesTotal() : "")
                + (r.error() != null ? " " + r.error() : ""));
        MovePhase next = switch (r.step()) {
            case StepReport.SNAPSHOT_TRANSFERRED -> m.phase() == MovePhase.SNAPSHOT ? MovePhase.CATCH_UP : null;
            case StepReport.WAL_SYNCED -> m.phase() == MovePhase.CATCH_UP ? MovePhase.CLEANUP : null;
            case StepReport.CLEANED_UP -> m.phase() == MovePhase.CLEANUP ? MovePhase.DONE : null;
            default -> null;
        };
        if (r.step().equals("fail")) {
            if (m.attempt() >= maxAttempts) {
                moves.put(moveId, with(m, MovePhase.FAILED, m.attempt()));
                holders.get(m.shard()).remove(m.targetNode());
                mapVersion++;
            } else {
                moves.put(moveId, with(m, m.phase(), m.attempt() + 1));
            }
        } else if (next != null) {
            moves.put(moveId, with(m, next, 1));
            if (next == MovePhase.DONE) {
                holders.get(m.shard()).remove(m.sourceNode());
                mapVersion++;
            }
        }
    }

    @Override
    public synchronized ShardPlacement placement(ShardRef shard) {
        return new ShardPlacement(mapVersion, holders.getOrDefault(shard, Map.of()));
    }
}
