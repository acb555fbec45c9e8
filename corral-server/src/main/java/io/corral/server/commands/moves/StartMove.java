package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Move;
import io.corral.server.domain.MoveBook;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Node;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.records.MoveRecorded;
import java.util.Map;

/**
 * Starts moving the replica of shard {@code shardId} on {@code fromNode} (null: add a replica) to
 * {@code toNode}: records the move in phase SNAPSHOT and adds the target to the shard as a joining
 * follower, so writes reach it from now on. Refused when the shard already has a move under way,
 * when the target already holds the shard or is not active, or when a throttle is reached
 * ({@code 409 MOVE_LIMIT_REACHED}). The reply is the new move.
 */
public record StartMove(String workspace, String resourceId, long shardId, String fromNode, String toNode,
                        String reason, String operation, MoveLimits limits) implements Command<Move> {

    @Override
    public Outcome<Move> execute(ClusterImage img, CommandContext ctx) {
        Resource r = img.resource(workspace, resourceId)
                .orElseThrow(() -> CorralException.resourceNotFound(workspace, resourceId));
        if (r.routing() != RoutingStyle.PARTITIONED) {
            throw CorralException.invalid("resource_id", "resource '" + resourceId
                    + "' is rendezvous-routed; its shards move by growing or draining the ring");
        }
        Shard s = img.map(workspace, resourceId).shards().get(shardId);
        if (s == null) {
            throw new CorralException(ErrorCode.SHARD_NOT_FOUND, "shard " + shardId + " of '" + resourceId
                    + "' not found", Map.of("resource_id", resourceId, "shard_id", shardId));
        }
        img.moves().activeOn(workspace, resourceId, shardId).ifPresent(m -> {
            throw new CorralException(ErrorCode.MOVE_IN_PROGRESS, "shard " + shardId + " of '" + resourceId
                    + "' is already moving (" + m.id() + ")", Map.of("move_id", m.id()));
        });
        Node target = img.node(toNode).filter(n -> n.workspace().equals(workspace))
                .orElseThrow(() -> CorralException.nodeNotFound(toNode));
        if (target.status() != Lifecycle.ACTIVE) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "target node '" + toNode + "' is "
                    + target.status().wire() + "; only active nodes receive replicas", Map.of("node_id", toNode));
        }
        if (holds(s, toNode)) {
            throw CorralException.invalid("target_node", "node '" + toNode + "' already holds shard " + shardId);
        }
        if (fromNode != null && !holds(s, fromNode)) {
            throw CorralException.invalid("source_node", "node '" + fromNode + "' does not hold shard " + shardId);
        }
        String donor = donor(img, s);
        checkLimits(img, donor);
        long seq = img.moves().nextSeq();
        Move move = new Move(MoveBook.id(seq), workspace, resourceId, shardId, fromNode, toNode, donor,
                MovePhase.SNAPSHOT, 1, ctx.nowMs(), ctx.nowMs(), ctx.nowMs(), reason, null, MoveProgress.NONE,
                operation);
        return Outcome.of(move, new MoveRecorded(move, ctx.nowMs(), ctx.actor()),
                ShardEdits.record(img, move, ShardEdits.withJoiningTarget(s, toNode), "move " + move.id() + " started",
                        ctx.nowMs(), ctx.actor()));
    }

    private static boolean holds(Shard s, String nodeId) {
        return s.replicas().stream().anyMatch(r -> nodeId.equals(r.nodeId()));
    }

    /** Copy from the source when it is up, else from the first active replica that is up. */
    private String donor(ClusterImage img, Shard s) {
        if (fromNode != null && up(img, fromNode)) {
            return fromNode;
        }
        for (Replica r : s.replicas()) {
            if (r.nodeId() != null && r.state() == Replica.State.ACTIVE && up(img, r.nodeId())) {
                return r.nodeId();
            }
        }
        throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "shard " + shardId + " of '" + resourceId
                + "' has no live replica to copy from", Map.of("shard_id", shardId));
    }

    private static boolean up(ClusterImage img, String nodeId) {
        Node n = img.nodes().get(nodeId);
        return n != null && n.status() != Lifecycle.INACTIVE && n.status() != Lifecycle.FAILED
                && n.status() != Lifecycle.STOPPED;
    }

    private void checkLimits(ClusterImage img, String donor) {
        if (img.moves().active().size() >= limits.maxPerCluster()) {
            throw new CorralException(ErrorCode.MOVE_LIMIT_REACHED, "the cluster already has "
                    + img.moves().active().size() + " moves under way (limit " + limits.maxPerCluster() + ")",
                    Map.of("limit", limits.maxPerCluster()));
        }
        for (String node : new String[] {toNode, donor, fromNode}) {
            if (node != null && img.moves().activeInvolving(node).size() >= limits.maxPerNode()) {
                throw new CorralException(ErrorCode.MOVE_LIMIT_REACHED, "node '" + node + "' already takes part in "
                        + limits.maxPerNode() + " moves (the per-node limit)", Map.of("node_id", node));
            }
        }
    }
}
