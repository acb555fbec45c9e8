package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.records.Record;
import io.corral.server.records.ShardsChanged;
import io.corral.server.shardmap.ShardDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes shard deltas that were computed from an earlier image, but only if none of the resources
 * they touch has changed since ({@code expectedVersions}: resource id → map version seen). If one
 * has, nothing is written and the reply is false: the planner computes again from the new state.
 */
public record ApplyShardChanges(String workspace, Map<String, Long> expectedVersions, List<ShardDelta> deltas,
                                String reason) implements Command<Boolean> {

    @Override
    public Outcome<Boolean> execute(ClusterImage image, CommandContext ctx) {
        for (Map.Entry<String, Long> e : expectedVersions.entrySet()) {
            if (image.resource(workspace, e.getKey()).isEmpty()
                    || image.map(workspace, e.getKey()).version() != e.getValue()) {
                return Outcome.unchanged(false);
            }
        }
        List<Record> records = new ArrayList<>();
        for (ShardDelta d : deltas) {
            if (!d.isEmpty()) {
                records.add(new ShardsChanged(workspace, d.resourceId(), d.set(), d.removed(),
                        image.map(workspace, d.resourceId()).nextShardId(), reason, ctx.nowMs(), ctx.actor()));
            }
        }
        return new Outcome<>(records, !records.isEmpty());
    }
}
