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
import io.corral.server.records.Record;
import io.corral.server.records.Replayer;
import io.corral.server.records.RingMigrationRecorded;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 003's grow: adds a shard to a rendezvous ring as joining, with the next never-reused shard id,
 * and starts the ring migration that copies its slice from the donors (every active shard), flips it
 * active and drops the donors' copies. Refused (409) while the ring is not settled or another ring
 * migration is under way on it, and (400) when there is no active shard to copy from. The reply is
 * the new migration and the image it starts from.
 */
public record GrowRing(String workspace, String resourceId, String primaryUrl, List<String> replicaUrls)
        implements Command<StartedMigration> {

    @Override
    public Outcome<StartedMigration> execute(ClusterImage image, CommandContext ctx) {
        AddRendezvousShard add = new AddRendezvousShard(workspace, resourceId, primaryUrl, replicaUrls, true);
        if (image.workspace(workspace).isEmpty()) {
            throw CorralException.workspaceNotFound(workspace);
        }
        ResourceMap map = image.map(workspace, resourceId);
        List<RingMember> donors = RingRules.activeMembers(map, -1);
        if (image.resource(workspace, resourceId).isEmpty() || donors.isEmpty()) {
            throw CorralException.invalid("primary_url", "'" + resourceId + "' has no active shard to copy from; "
                    + "add the first shard with POST /cluster/shards");
        }
        RendezvousShards.requireRendezvous(image, workspace, resourceId);
        RendezvousShards.requireNoMigration(image, workspace, resourceId);
        RingRules.requireSettled(map, resourceId);
        Outcome<Long> added = add.execute(image, ctx);
        RingMigration m = new RingMigration(image.ringMigrations().nextId(), workspace, resourceId,
                RingMigration.Kind.GROW, added.reply(), add.primaryUrl(), donors, RingMigrationPhase.GRACE_BEFORE, null,
                ctx.nowMs(), ctx.nowMs(), ctx.actor());
        List<Record> records = new ArrayList<>(added.records());
        records.add(new RingMigrationRecorded(m, ctx.nowMs(), ctx.actor()));
        return new Outcome<>(records, new StartedMigration(m, Replayer.apply(image, records, image.appliedIndex())));
    }
}
