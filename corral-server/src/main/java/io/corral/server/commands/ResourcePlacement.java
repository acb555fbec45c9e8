package io.corral.server.commands;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Resource;
import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.records.Record;
import io.corral.server.records.Replayer;
import io.corral.server.records.ShardsChanged;
import io.corral.server.shardmap.ShardDelta;
import io.corral.server.shardmap.ShardPlanner;
import io.corral.server.shardmap.WhatIf;
import java.util.List;
import java.util.Set;

/** Places one resource (and only it) against an image that already contains its new settings. */
final class ResourcePlacement {
    private ResourcePlacement() {
    }

    /** The records that give {@code r} its placement, computed on {@code imageWithResource} with {@code settings}. */
    static List<Record> records(ClusterImage imageWithResource, Resource r, ShardPlanner.Settings settings,
                                String reason, long nowMs, String actor) {
        PlacementResult result = HierarchicalPlacement.place(ShardPlanner.input(imageWithResource, r.workspace(), nowMs,
                settings, WhatIf.NONE));
        List<ShardDelta> deltas = ShardPlanner.deltas(imageWithResource, r.workspace(), result, Set.of(r.id()));
        if (deltas.isEmpty()) {
            return List.of();
        }
        ShardDelta d = deltas.get(0);
        return List.of(new ShardsChanged(r.workspace(), r.id(), d.set(), d.removed(),
                imageWithResource.map(r.workspace(), r.id()).nextShardId(), reason, nowMs, actor));
    }

    static ClusterImage applied(ClusterImage image, Record r) {
        return Replayer.apply(image, r);
    }
}
