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

/** Removes a node from the cluster. The coordinator's own node cannot be removed. */
public record RemoveNode(String workspace, String nodeId, String reason) implements Command<Node> {

    @Override
    public Outcome<Node> execute(ClusterImage image, CommandContext ctx) {
        Node n = NodeLookup.require(image, workspace, nodeId);
        if ("coordinator".equals(n.role())) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION,
                    "node '" + nodeId + "' is a coordinator and cannot be removed", Map.of("node_id", nodeId));
        }
        return Outcome.of(n, new NodeRemoved(n.id(), reason, ctx.nowMs(), ctx.actor()));
    }
}
