package io.corral.server.commands;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.records.Record;
import io.corral.server.records.ResourceCreated;
import io.corral.server.shardmap.ShardPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates a sharded resource; a partitioned one is placed at once (its map is written with it), with
 * {@code placement}'s settings (the coordinator's configured ones). {@code resource}'s timestamps are replaced
 * by the command's time.
 */
public record CreateResource(Resource resource, ShardPlanner.Settings placement) implements Command<Resource> {

    public CreateResource {
        ResourceRules.validate(resource);
        java.util.Objects.requireNonNull(placement, "placement settings");
    }

    /** With the default placement settings ({@link ShardPlanner.Settings#DEFAULT}). */
    public CreateResource(Resource resource) {
        this(resource, ShardPlanner.Settings.DEFAULT);
    }

    @Override
    public Outcome<Resource> execute(ClusterImage image, CommandContext ctx) {
        Resource r = resource;
        if (image.workspace(r.workspace()).isEmpty()) {
            throw CorralException.workspaceNotFound(r.workspace());
        }
        if (image.resource(r.workspace(), r.id()).isPresent()) {
            throw new CorralException(ErrorCode.RESOURCE_ALREADY_EXISTS, "resource '" + r.id()
                    + "' already exists in workspace '" + r.workspace() + "'", Map.of("resource_id", r.id()));
        }
        Resource created = new Resource(r.workspace(), r.id(), r.kind(), r.routing(), r.shardKeys(), r.partitions(),
                r.replicationFactor(), r.timeSliceMs(), r.nodeSelector(), r.tolerations(), r.spreadZones(),
                r.minActiveReplicas(), r.dataMovement(), ctx.nowMs(), ctx.nowMs());
        List<Record> records = new ArrayList<>();
        ResourceCreated rec = new ResourceCreated(created, ctx.nowMs(), ctx.actor());
        records.add(rec);
        if (created.routing() == RoutingStyle.PARTITIONED) {
            records.addAll(ResourcePlacement.records(ResourcePlacement.applied(image, rec), created, placement, "resource created",
                    ctx.nowMs(), ctx.actor()));
        }
        return new Outcome<>(records, created);
    }
}
