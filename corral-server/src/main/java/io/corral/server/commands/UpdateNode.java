package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import io.corral.server.records.NodeUpdated;

/** Applies a {@link NodePatch} to a node of a workspace; an empty patch changes nothing. */
public record UpdateNode(String workspace, String nodeId, NodePatch patch) implements Command<Node> {

    @Override
    public Outcome<Node> execute(ClusterImage image, CommandContext ctx) {
        Node n = NodeLookup.require(image, workspace, nodeId);
        if (patch.isEmpty()) {
            return Outcome.unchanged(n);
        }
        Node updated = new Node(n.id(), n.seq(), n.workspace(), or(patch.name(), n.name()), n.role(),
                or(patch.addresses(), n.addresses()), or(patch.labels(), n.labels()), or(patch.taints(), n.taints()),
                or(patch.zone(), n.zone()), or(patch.region(), n.region()),
                patch.capacityWeight() != null ? patch.capacityWeight() : n.capacityWeight(), n.status(),
                n.resumeStatus(), n.statusReason(), or(patch.metadata(), n.metadata()), n.planId(), n.provider(),
                n.replicaOf(), n.monitored(), n.tokenHash(), n.createdAtMs(), ctx.nowMs(), n.statusChangedAtMs());
        return Outcome.of(updated, new NodeUpdated(updated, patch.describe(), ctx.nowMs(), ctx.actor()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
