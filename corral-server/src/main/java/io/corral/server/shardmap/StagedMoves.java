package io.corral.server.shardmap;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.Shard;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.policies.placement.ReplicaMove;
import io.corral.server.policies.placement.ShardRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a placement's changes by how they happen: immediately (resources without staged data
 * movement; and, for staged ones, leader reorderings and dropped surplus replicas, which move no
 * data) or as moves (a staged resource's replica that must go from one node to another, or be added).
 * Shards with a move under way are left out until it ends. Pure.
 */
public final class StagedMoves {
    /**
     * A move to start: shard of a resource, from (null: add a replica) and to. {@code required} when it
     * repairs something (a missing replica, or a source that no longer accepts replicas); otherwise it
     * only evens out the load between healthy nodes, and waits for a rebalance operation.
     */
    public record Planned(String resourceId, long shardId, String from, String to, boolean required) {
    }

    /**
     * @param waiting true when some change was held back because its shard is already moving
     */
    public record Split(List<ShardDelta> immediate, List<Planned> moves, boolean waiting) {
    }

    private StagedMoves() {
    }

    public static Split split(ClusterImage img, String ws, PlacementResult result, List<ShardDelta> deltas,
                       java.util.function.Predicate<String> accepting) {
        List<ShardDelta> immediate = new ArrayList<>();
        List<Planned> moves = new ArrayList<>();
        boolean waiting = false;
        for (ShardDelta d : deltas) {
            Resource r = img.resource(ws, d.resourceId()).orElse(null);
            if (r == null || r.dataMovement() != DataMovement.STAGED) {
                immediate.add(d);
                continue;
            }
            List<Shard> now = new ArrayList<>();
            for (Shard target : d.set()) {
                if (img.moves().activeOn(ws, r.id(), target.id()).isPresent()) {
                    waiting = true;
                    continue;
                }
                Shard current = img.map(ws, r.id()).shards().get(target.id());
                Set<String> before = nodes(current);
                Set<String> after = nodes(target);
                if (current == null || before.equals(after) || before.containsAll(after)) {
                    // New partition, reordering, or dropping surplus replicas: no data to move.
                    now.add(target);
                    continue;
                }
                Planned p = firstMove(result, r.id(), target.id(), before, after, accepting);
                moves.add(new Planned(p.resourceId(), p.shardId(), p.from(), p.to(),
                        p.from() == null || !accepting.test(p.from())));
            }
            if (!now.isEmpty() || !d.removed().isEmpty()) {
                immediate.add(new ShardDelta(d.resourceId(), now, d.removed()));
            }
        }
        return new Split(immediate, moves, waiting);
    }

    /**
     * One move per shard at a time: the policy's first repairing move for it (a missing replica, or a source
     * that no longer accepts), else its first move, else any node gained (with a node lost). Repairs come first
     * so that a shard that also has a balance move, which waits for a rebalance, is still repaired.
     */
    private static Planned firstMove(PlacementResult result, String rid, long shardId, Set<String> before,
                                     Set<String> after, java.util.function.Predicate<String> accepting) {
        ShardRef ref = new ShardRef(rid, (int) shardId);
        Planned first = null;
        for (ReplicaMove m : result.moves()) {
            if (m.shard().equals(ref) && m.to() != null && !before.contains(m.to())) {
                String from = m.from() != null && before.contains(m.from()) ? m.from() : null;
                Planned p = new Planned(rid, shardId, from, m.to(), false);
                if (from == null || !accepting.test(from)) {
                    return p;
                }
                if (first == null) {
                    first = p;
                }
            }
        }
        if (first != null) {
            return first;
        }
        Set<String> gained = new HashSet<>(after);
        gained.removeAll(before);
        Set<String> lost = new HashSet<>(before);
        lost.removeAll(after);
        String to = gained.stream().sorted().findFirst().orElseThrow();
        String from = lost.stream().sorted().findFirst().orElse(null);
        return new Planned(rid, shardId, from, to, false);
    }

    private static Set<String> nodes(Shard s) {
        Set<String> out = new HashSet<>();
        if (s != null) {
            for (Replica r : s.replicas()) {
                if (r.nodeId() != null) {
                    out.add(r.nodeId());
                }
            }
        }
        return out;
    }
}
