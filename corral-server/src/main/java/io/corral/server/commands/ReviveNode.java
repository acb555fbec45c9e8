package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeStatusChanged;

/** An inactive node was heard from again: it returns to the state it had before, or to active. */
public record ReviveNode(String nodeId) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        Node n = image.nodes().get(nodeId);
        if (n == null || n.status() != Lifecycle.INACTIVE) {
            return Outcome.unchanged(false);
        }
        Lifecycle back = n.resumeStatus() != null ? n.resumeStatus() : Lifecycle.ACTIVE;
        return Outcome.of(true, new NodeStatusChanged(nodeId, back, null, "heartbeat received", ctx.nowMs(),
                ctx.actor()));
    }
}
