package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeRemoved;
import java.util.Map;

/**
 * Removes a node from the cluster. The coordinator's own node cannot be removed; a node that still
 * holds shard replicas is refused ({@code 409 NODE_HOLDS_DATA}) unless {@code force}, in which case
 * its replicas are re-placed like those of a failed node.
 */
public record RemoveNode(String workspace, String nodeId, String reason, boolean force) implements Command<Node> {

    public RemoveNode(String workspace, String nodeId, String reason) {
        this(workspace, nodeId, reason, false);
    }

    @Override
    public Outcome<Node> execute(ClusterImage image, CommandContext ctx) {
        Node n = NodeLookup.require(image, workspace, nodeId);
        if ("coordinator".equals(n.role())) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION,
                    "node '" + nodeId + "' is a coordinator and cannot be removed", Map.of("node_id", nodeId));
        }
        int replicas = io.corral.server.commands.moves.NodeReplicas.count(image, nodeId);
        if (replicas > 0 && !force) {
            throw new CorralException(ErrorCode.NODE_HOLDS_DATA, "node '" + nodeId + "' still holds " + replicas
                    + " shard replica(s); drain it first, or remove it with force", Map.of("node_id", nodeId,
                    "replicas", replicas));
        }
        return Outcome.of(n, new NodeRemoved(n.id(), reason, ctx.nowMs(), ctx.actor()));
    }
}
