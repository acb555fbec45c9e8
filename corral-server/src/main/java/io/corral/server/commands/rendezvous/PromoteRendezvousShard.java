package io.corral.server.commands.rendezvous;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Shard;
import io.corral.server.records.ShardsChanged;
import java.util.List;

/** The migration flip: a joining rendezvous shard becomes an active owner of its slice. */
public record PromoteRendezvousShard(String workspace, String resourceId, long shardId) implements Command<Long> {

    @Override
    public Outcome<Long> execute(ClusterImage image, CommandContext ctx) {
        RendezvousShards.requireRendezvous(image, workspace, resourceId);
        RendezvousShards.requireNoMigration(image, workspace, resourceId);
        Shard s = image.map(workspace, resourceId).shards().get(shardId);
        if (s == null) {
            throw CorralException.invalid("id", "shard " + shardId + " is not in the map");
        }
        if (s.state() != Shard.State.JOINING) {
            throw CorralException.invalid("id", "shard " + shardId + " is not joining (it is "
                    + s.state().name().toLowerCase() + ")");
        }
        Shard promoted = new Shard(s.id(), Shard.State.ACTIVE, s.replicas());
        return Outcome.of(shardId, new ShardsChanged(workspace, resourceId, List.of(promoted), List.of(),
                image.map(workspace, resourceId).nextShardId(), "shard " + shardId + " promoted", ctx.nowMs(),
                ctx.actor()));
    }
}
