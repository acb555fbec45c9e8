package io.corral.server.commands.autoscale;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.policies.autoscale.Decision;
import io.corral.server.records.AutoscaleSkipped;

/**
 * Records that the autoscaler of a workspace declined to act for a notable reason (an
 * {@code autoscale.skipped} event). Writes nothing for a decision that acts or a workspace that is gone.
 */
public record RecordAutoscaleSkip(String workspace, Decision decision) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        if (decision.acts() || decision.refusal() == null || image.workspace(workspace).isEmpty()) {
            return Outcome.unchanged(false);
        }
        return Outcome.of(true, new AutoscaleSkipped(workspace, decision.refusal().wire(), decision.reason(),
                ctx.nowMs(), ctx.actor()));
    }
}
