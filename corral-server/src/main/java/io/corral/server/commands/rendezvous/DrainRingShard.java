package io.corral.server.commands.rendezvous;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.domain.Shard;
import io.corral.server.records.Record;
import io.corral.server.records.Replayer;
import io.corral.server.records.RingMigrationRecorded;
import io.corral.server.records.ShardsChanged;
import java.util.List;

/**
 * Drains a shard of a rendezvous ring (a Corral extension of seed 003): marks it leaving and starts
 * the ring migration that copies each of its keys to its new owner among the other active shards and
 * then removes it from the ring. Refused (409) while the ring is not settled or another ring migration
 * is under way, and (400) for an unknown shard or the last active one. The reply is the new migration and the
 * image it starts from.
 */
public record DrainRingShard(String workspace, String resourceId, long shardId) implements Command<StartedMigration> {

    @Override
    public Outcome<StartedMigration> execute(ClusterImage image, CommandContext ctx) {
        RendezvousShards.requireRendezvous(image, workspace, resourceId);
        RendezvousShards.requireNoMigration(image, workspace, resourceId);
        ResourceMap map = image.map(workspace, resourceId);
        Shard s = map.shards().get(shardId);
        if (s == null) {
            throw CorralException.invalid("id", "shard " + shardId + " is not in the map");
        }
        RingRules.requireSettled(map, resourceId);
        List<RingMember> targets = RingRules.activeMembers(map, shardId);
        if (targets.isEmpty()) {
            throw CorralException.invalid("id", "shard " + shardId + " is the last active shard; it cannot be drained");
        }
        RingMigration m = new RingMigration(image.ringMigrations().nextId(), workspace, resourceId,
                RingMigration.Kind.DRAIN, shardId, RendezvousShards.primaryUrl(s), targets,
                RingMigrationPhase.GRACE_BEFORE, null, ctx.nowMs(), ctx.nowMs(), ctx.actor());
        Shard leaving = new Shard(s.id(), Shard.State.LEAVING, s.replicas());
        List<Record> records = List.of(new ShardsChanged(workspace, resourceId, List.of(leaving), List.of(),
                map.nextShardId(), "shard " + shardId + " leaving", ctx.nowMs(), ctx.actor()),
                new RingMigrationRecorded(m, ctx.nowMs(), ctx.actor()));
        return new Outcome<>(records, new StartedMigration(m, Replayer.apply(image, records, image.appliedIndex())));
    }
}
