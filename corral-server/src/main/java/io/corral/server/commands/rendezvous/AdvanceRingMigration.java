package io.corral.server.commands.rendezvous;

import io.corral.server.controller.Command;
import io.corral.server.controller.CommandContext;
import io.corral.server.controller.Outcome;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;
import io.corral.server.domain.Shard;
import io.corral.server.records.Record;
import io.corral.server.records.RingMigrationRecorded;
import io.corral.server.records.ShardsChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a ring migration from phase {@code from} to phase {@code to}, only if it is still in
 * {@code from} (so a repeated or stale step is refused, 409), together with the map change the step
 * implies: a grow's flip promotes the joining shard and its revert removes it; a drain's flip removes
 * the leaving shard and its revert makes it active again. Should the migrating shard have left the
 * map meanwhile, the flip cannot happen and the migration fails instead. The reply is the migration's
 * new value.
 *
 * @param error why the migration is reverted or failed; null otherwise
 */
public record AdvanceRingMigration(long migrationId, RingMigrationPhase from, RingMigrationPhase to, String error)
        implements Command<RingMigration> {

    @Override
    public Outcome<RingMigration> execute(ClusterImage image, CommandContext ctx) {
        RingMigration m = image.ringMigrations().find(migrationId).orElseThrow(() -> new CorralException(
                ErrorCode.NOT_FOUND, "ring migration " + migrationId + " not found", Map.of("migration_id", migrationId)));
        if (m.phase() != from || !allowed(m.kind(), from, to)) {
            throw new CorralException(ErrorCode.INVALID_STATE_TRANSITION, "ring migration " + migrationId + " is "
                    + m.phase().wire() + "; it cannot go from " + from.wire() + " to " + to.wire());
        }
        ResourceMap map = image.map(m.workspace(), m.resourceId());
        Shard shard = map.shards().get(m.shardId());
        List<Record> records = new ArrayList<>();
        RingMigrationPhase next = to;
        String why = error;
        if (to == RingMigrationPhase.GRACE_AFTER && shard == null) {
            next = RingMigrationPhase.FAILED;
            why = "shard " + m.shardId() + " is no longer in the map";
        } else if (to == RingMigrationPhase.GRACE_AFTER || to == RingMigrationPhase.REVERTED) {
            ShardsChanged change = mapChange(m, to, shard, map.nextShardId(), ctx);
            if (change != null) {
                records.add(change);
            }
        }
        RingMigration after = m.enter(next, why, ctx.nowMs());
        records.add(new RingMigrationRecorded(after, ctx.nowMs(), ctx.actor()));
        return new Outcome<>(records, after);
    }

    /** The flip or the revert on the map; null when there is nothing left to change. */
    private static ShardsChanged mapChange(RingMigration m, RingMigrationPhase to, Shard shard, long nextShardId,
                                           CommandContext ctx) {
        if (shard == null) {
            return null;
        }
        boolean grow = m.kind() == RingMigration.Kind.GROW;
        boolean flip = to == RingMigrationPhase.GRACE_AFTER;
        String who = "shard " + m.shardId();
        if (grow == flip) {
            Shard active = new Shard(shard.id(), Shard.State.ACTIVE, shard.replicas());
            return new ShardsChanged(m.workspace(), m.resourceId(), List.of(active), List.of(), nextShardId,
                    grow ? who + " promoted (ring migration " + m.id() + ")" : who + " active again (drain reverted)",
                    ctx.nowMs(), ctx.actor());
        }
        return new ShardsChanged(m.workspace(), m.resourceId(), List.of(), List.of(shard.id()), nextShardId,
                grow ? who + " removed (grow reverted)" : who + " removed (drained)", ctx.nowMs(), ctx.actor());
    }

    /** The phase graph of each kind of migration. */
    static boolean allowed(RingMigration.Kind kind, RingMigrationPhase from, RingMigrationPhase to) {
        switch (from) {
            case GRACE_BEFORE:
                return to == RingMigrationPhase.COPYING || to == RingMigrationPhase.REVERTED;
            case COPYING:
                return to == RingMigrationPhase.GRACE_AFTER || to == RingMigrationPhase.REVERTED;
            case GRACE_AFTER:
                return to == (kind == RingMigration.Kind.GROW ? RingMigrationPhase.DROPPING : RingMigrationPhase.DONE);
            case DROPPING:
                return kind == RingMigration.Kind.GROW
                        && (to == RingMigrationPhase.DONE || to == RingMigrationPhase.FAILED);
            default:
                return false;
        }
    }
}
