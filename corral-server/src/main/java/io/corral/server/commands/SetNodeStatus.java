package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeStatusChanged;

/**
 * An operator (or the node itself) sets a node's lifecycle state, e.g. maintenance on or off, or a
 * seed 000 status update. Setting the state the node already has writes nothing.
 */
public record SetNodeStatus(String workspace, String nodeId, Lifecycle status, String reason) implements Command<Node> {

    @Override
    public Outcome<Node> execute(ClusterImage image, CommandContext ctx) {
        Node n = NodeLookup.require(image, workspace, nodeId);
        if (n.status() == status && java.util.Objects.equals(n.statusReason(), reason)) {
            return Outcome.unchanged(n);
        }
        Node now = n.withStatus(status, null, reason, ctx.nowMs());
        return Outcome.of(now, new NodeStatusChanged(n.id(), status, null, reason, ctx.nowMs(), ctx.actor()));
    }
}
