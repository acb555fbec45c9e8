package io.corral.server.commands.rendezvous;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import io.corral.server.records.ShardsChanged;
import java.util.List;

/** Removes a rendezvous shard (a drained or empty one). The last active shard cannot be removed. */
public record RemoveRendezvousShard(String workspace, String resourceId, long shardId) implements Command<Long> {

    @Override
    public Outcome<Long> execute(ClusterImage image, CommandContext ctx) {
        RendezvousShards.requireRendezvous(image, workspace, resourceId);
        RendezvousShards.requireNoMigration(image, workspace, resourceId);
        ResourceMap map = image.map(workspace, resourceId);
        Shard s = map.shards().get(shardId);
        if (s == null) {
            throw CorralException.invalid("id", "shard " + shardId + " is not in the map");
        }
        long activeOthers = map.shards().values().stream()
                .filter(o -> o.id() != shardId && o.state() == Shard.State.ACTIVE).count();
        if (s.state() == Shard.State.ACTIVE && activeOthers == 0) {
            throw CorralException.invalid("id", "shard " + shardId + " is the last active shard; it cannot be removed");
        }
        return Outcome.of(shardId, new ShardsChanged(workspace, resourceId, List.of(), List.of(shardId),
                map.nextShardId(), "shard " + shardId + " removed", ctx.nowMs(), ctx.actor()));
    }
}
