package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeStatusChanged;

/**
 * The failure detector's verdict: node {@code nodeId}, seen in state {@code observed}, has been
 * silent for {@code silentForMs}. Applies only if the node is still in {@code observed} (otherwise
 * something else changed it meanwhile and nothing is written); remembers that state to resume.
 */
public record MarkNodeInactive(String nodeId, Lifecycle observed, long silentForMs) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        Node n = image.nodes().get(nodeId);
        if (n == null || n.status() != observed || !n.monitored() || !observed.watchedForHeartbeats()) {
            return Outcome.unchanged(false);
        }
        String reason = "no heartbeat for " + silentForMs + " ms";
        return Outcome.of(true, new NodeStatusChanged(nodeId, Lifecycle.INACTIVE, observed, reason, ctx.nowMs(),
                ctx.actor()));
    }
}
