package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.policies.placement.Toleration;
import io.corral.server.records.Record;
import io.corral.server.records.ResourceUpdated;
import io.corral.server.shardmap.ShardPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes a resource's settings; null fields stay as they are, an empty list clears. A partitioned
 * resource whose placement-relevant settings changed is placed again in the same step, with
 * {@code placement}'s settings (see {@link #placedWith}; the service passes the configured ones).
 */
public record UpdateResource(String workspace, String resourceId, List<String> shardKeys, Integer partitions,
                             Integer replicationFactor, Long timeSliceMs, Map<String, String> nodeSelector,
                             List<Toleration> tolerations, Boolean spreadZones, Integer minActiveReplicas,
                             DataMovement dataMovement, ShardPlanner.Settings placement)
        implements Command<Resource> {

    public UpdateResource {
        java.util.Objects.requireNonNull(placement, "placement settings");
    }

    /** With the default placement settings ({@link ShardPlanner.Settings#DEFAULT}). */
    public UpdateResource(String workspace, String resourceId, List<String> shardKeys, Integer partitions,
                          Integer replicationFactor, Long timeSliceMs, Map<String, String> nodeSelector,
                          List<Toleration> tolerations, Boolean spreadZones, Integer minActiveReplicas,
                          DataMovement dataMovement) {
        this(workspace, resourceId, shardKeys, partitions, replicationFactor, timeSliceMs, nodeSelector, tolerations,
                spreadZones, minActiveReplicas, dataMovement, ShardPlanner.Settings.DEFAULT);
    }

    /** The same change, placing with {@code settings}. */
    public UpdateResource placedWith(ShardPlanner.Settings settings) {
        return new UpdateResource(workspace, resourceId, shardKeys, partitions, replicationFactor, timeSliceMs,
                nodeSelector, tolerations, spreadZones, minActiveReplicas, dataMovement, settings);
    }

    @Override
    public Outcome<Resource> execute(ClusterImage image, CommandContext ctx) {
        Resource r = require(image, workspace, resourceId);
        Resource u = new Resource(r.workspace(), r.id(), r.kind(), r.routing(), or(shardKeys, r.shardKeys()),
                or(partitions, r.partitions()), or(replicationFactor, r.replicationFactor()),
                timeSliceMs != null ? (timeSliceMs == 0 ? null : timeSliceMs) : r.timeSliceMs(),
                or(nodeSelector, r.nodeSelector()), or(tolerations, r.tolerations()), or(spreadZones, r.spreadZones()),
                or(minActiveReplicas, r.minActiveReplicas()), or(dataMovement, r.dataMovement()), r.createdAtMs(),
                ctx.nowMs());
        ResourceRules.validate(u);
        if (sameSettings(r, u)) {
            return Outcome.unchanged(r);
        }
        List<Record> records = new ArrayList<>();
        ResourceUpdated rec = new ResourceUpdated(u, describe(), ctx.nowMs(), ctx.actor());
        records.add(rec);
        boolean replace = u.partitions() != r.partitions() || u.replicationFactor() != r.replicationFactor()
                || !u.nodeSelector().equals(r.nodeSelector()) || !u.tolerations().equals(r.tolerations())
                || u.spreadZones() != r.spreadZones() || u.minActiveReplicas() != r.minActiveReplicas();
        if (replace && u.routing() == RoutingStyle.PARTITIONED) {
            records.addAll(ResourcePlacement.records(ResourcePlacement.applied(image, rec), u, placement, "resource settings changed",
                    ctx.nowMs(), ctx.actor()));
        }
        return new Outcome<>(records, u);
    }

    static Resource require(ClusterImage image, String workspace, String id) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        return image.resource(workspace, id).orElseThrow(() -> CorralException.resourceNotFound(workspace, id));
    }

    private static boolean sameSettings(Resource a, Resource b) {
        return a.shardKeys().equals(b.shardKeys()) && a.partitions() == b.partitions()
                && a.replicationFactor() == b.replicationFactor() && java.util.Objects.equals(a.timeSliceMs(),
                b.timeSliceMs()) && a.nodeSelector().equals(b.nodeSelector()) && a.tolerations().equals(b.tolerations())
                && a.spreadZones() == b.spreadZones() && a.minActiveReplicas() == b.minActiveReplicas()
                && a.dataMovement() == b.dataMovement();
    }

    private String describe() {
        List<String> f = new ArrayList<>();
        if (shardKeys != null) {
            f.add("shard_keys");
        }
        if (partitions != null) {
            f.add("partitions");
        }
        if (replicationFactor != null) {
            f.add("replication_factor");
        }
        if (timeSliceMs != null) {
            f.add("time_slice");
        }
        if (nodeSelector != null) {
            f.add("node_selector");
        }
        if (tolerations != null) {
            f.add("tolerations");
        }
        if (spreadZones != null) {
            f.add("spread_zones");
        }
        if (minActiveReplicas != null) {
            f.add("min_active_replicas");
        }
        if (dataMovement != null) {
            f.add("data_movement");
        }
        return String.join(", ", f);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
