package io.corral.server.commands.autoscale;

import io.corral.server.commands.NodePatch;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.commands.UpdateNode;
import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.AutoscaleAction;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.Standby;
import io.corral.server.policies.autoscale.AutoscalePolicy;
import io.corral.server.policies.autoscale.Decision;
import io.corral.server.policies.autoscale.LoadSnapshot;
import io.corral.server.records.AutoscaleActed;
import io.corral.server.records.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the autoscale decision for one workspace against the exact image its records will apply to, and
 * carries it out: a scale-out removes the standby label of the promoted node (placement then fills it), a
 * scale-in drains the chosen node as {@code NodeService.drain} does. Either is written together with an
 * {@link AutoscaleActed} record, which starts the cooldown and names the reason. Deciding here, not only
 * on an earlier image, means a move or drain that began in between is always seen. A decision that does
 * nothing writes nothing; the reply is the decision either way.
 */
public record ApplyAutoscale(String workspace, LoadSnapshot load)
        implements Command<Decision> {

    @Override
    public Outcome<Decision> execute(ClusterImage image, CommandContext ctx) {
        Decision d = AutoscalePolicy.decide(image, workspace, load, ctx.nowMs(),
                image.autoscale().lastActionAtMs(workspace));
        if (!d.acts()) {
            return Outcome.unchanged(d);
        }
        List<Record> records = new ArrayList<>();
        if (d.action() == AutoscaleAction.SCALE_OUT) {
            Node n = image.nodes().get(d.nodeId());
            Map<String, String> labels = new LinkedHashMap<>(n.labels());
            labels.keySet().removeIf(k -> k.equals(Standby.LABEL));
            records.addAll(new UpdateNode(workspace, n.id(), new NodePatch(null, labels, null, null, null, null, null,
                    null)).execute(image, ctx).records());
        } else {
            records.addAll(new SetNodeStatus(workspace, d.nodeId(), Lifecycle.DRAINING, "autoscale: scale in")
                    .execute(image, ctx).records());
        }
        records.add(new AutoscaleActed(workspace, d.action(), d.nodeId(), d.reason(), ctx.nowMs(), ctx.actor()));
        return new Outcome<>(List.copyOf(records), d);
    }
}
