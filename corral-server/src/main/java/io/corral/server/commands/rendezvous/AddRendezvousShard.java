package io.corral.server.commands.rendezvous;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.domain.Shard;
import io.corral.server.records.Record;
import io.corral.server.records.ResourceCreated;
import io.corral.server.records.ShardsChanged;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a shard (a primary URL and replica URLs) to a rendezvous resource, active or joining, with
 * the resource's next shard id; ids are never reused. Creates the resource on first use. A primary
 * URL may serve one shard only. The reply is the new shard's id.
 */
public record AddRendezvousShard(String workspace, String resourceId, String primaryUrl, List<String> replicaUrls,
                                 boolean joining) implements Command<Long> {

    public AddRendezvousShard {
        primaryUrl = RendezvousShards.checkUrl("primary_url", primaryUrl);
        List<String> checked = new ArrayList<>();
        for (String u : replicaUrls == null ? List.<String>of() : replicaUrls) {
            checked.add(RendezvousShards.checkUrl("replica_urls", u));
        }
        replicaUrls = List.copyOf(checked);
    }

    @Override
    public Outcome<Long> execute(ClusterImage image, CommandContext ctx) {
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        RendezvousShards.requireNoMigration(image, workspace, resourceId);
        List<Record> records = new ArrayList<>();
        Resource existing = image.resource(workspace, resourceId).orElse(null);
        if (existing == null) {
            records.add(new ResourceCreated(RendezvousShards.newResource(workspace, resourceId, ctx.nowMs()),
                    ctx.nowMs(), ctx.actor()));
        } else if (existing.routing() != RoutingStyle.RENDEZVOUS) {
            throw CorralException.invalid("resource", "resource '" + resourceId + "' is partitioned");
        }
        for (Shard s : image.map(workspace, resourceId).shards().values()) {
            if (primaryUrl.equals(RendezvousShards.primaryUrl(s))) {
                throw CorralException.invalid("primary_url", "shard " + s.id() + " already has primary " + primaryUrl);
            }
        }
        long id = image.map(workspace, resourceId).nextShardId();
        Shard shard = new Shard(id, joining ? Shard.State.JOINING : Shard.State.ACTIVE,
                RendezvousShards.replicas(image, primaryUrl, replicaUrls));
        records.add(new ShardsChanged(workspace, resourceId, List.of(shard), List.of(), id + 1,
                joining ? "shard " + id + " joining" : "shard " + id + " added", ctx.nowMs(), ctx.actor()));
        return new Outcome<>(records, id);
    }
}
