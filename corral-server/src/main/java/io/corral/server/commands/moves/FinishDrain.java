package io.corral.server.commands.moves;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeStatusChanged;

/** A draining node that holds no replica and takes part in no move becomes drained (safe to remove). */
public record FinishDrain(String nodeId) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage img, CommandContext ctx) {
        Node n = img.nodes().get(nodeId);
        if (n == null || n.status() != Lifecycle.DRAINING || NodeReplicas.holdsAny(img, nodeId)
                || !img.moves().activeInvolving(nodeId).isEmpty()) {
            return Outcome.unchanged(false);
        }
        return Outcome.of(true, new NodeStatusChanged(nodeId, Lifecycle.DRAINED, null, "drained: holds no replicas",
                ctx.nowMs(), ctx.actor()));
    }
}
