package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ResourceThresholds;
import io.corral.server.records.ResourceThresholdsSet;

/** Sets a workspace's resource thresholds; setting the ones it has writes nothing. */
public record SetResourceThresholds(String workspace, ResourceThresholds thresholds)
        implements Command<ResourceThresholds> {

    @Override
    public Outcome<ResourceThresholds> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        if (thresholds.equals(image.telemetry().thresholds().get(workspace))) {
            return Outcome.unchanged(thresholds);
        }
        return Outcome.of(thresholds, new ResourceThresholdsSet(workspace, thresholds, ctx.nowMs(), ctx.actor()));
    }
}
