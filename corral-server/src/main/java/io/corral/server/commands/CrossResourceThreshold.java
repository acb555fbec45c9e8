package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.records.ResourceThresholdCrossed;

/**
 * The threshold watcher's verdict that a node's metric crossed its threshold (up when {@code exceeded},
 * back down otherwise). Writes only if the node exists and its breach state differs, so a verdict
 * that raced with another is a no-op. Replies whether it wrote.
 */
public record CrossResourceThreshold(String nodeId, String metric, boolean exceeded, double valuePercent,
                                     double thresholdPercent) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        if (!image.nodes().containsKey(nodeId) || image.telemetry().breached(nodeId, metric) == exceeded) {
            return Outcome.unchanged(false);
        }
        return Outcome.of(true, new ResourceThresholdCrossed(nodeId, metric, exceeded, valuePercent, thresholdPercent,
                ctx.nowMs(), ctx.actor()));
    }
}
