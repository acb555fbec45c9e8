package io.corral.server.adapters.influx;

import io.corral.server.commands.moves.MoveStep;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.ErrorCode;
import io.corral.server.domain.Move;
import io.corral.server.domain.MoveProgress;
import io.corral.server.domain.Node;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.security.Principal;
import io.corral.server.service.MoveService;
import io.corral.server.service.NodeService;
import io.corral.server.service.ShardMapService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Seed 000's shard moves: {@code POST /api/v3/cluster/shards/move} starts moving the shard's primary
 * (its leader replica) to the target node and answers 202; the migration steps
 * {@code POST /api/v3/cluster/shards/complete_snapshot_transfer}, {@code …/complete_wal_sync},
 * {@code …/complete_cutover} and {@code …/complete_cleanup} take the same {@code db_name},
 * {@code table_name}, {@code shard_id_str} and report that step of the shard's move in progress.
 * Ids are u64 numbers in strings, as the seed shows.
 */
public final class InfluxMovesEndpoint {
    private final MoveService moves;
    private final ShardMapService maps;
    private final NodeService nodes;

    public InfluxMovesEndpoint(MoveService moves, ShardMapService maps, NodeService nodes) {
        this.moves = moves;
        this.maps = maps;
        this.nodes = nodes;
    }

    public void addRoutes(Router router) {
        router.post("/api/v3/cluster/shards/move").handler(this::move);
        for (MoveStep step : new MoveStep[] {MoveStep.SNAPSHOT_TRANSFERRED, MoveStep.WAL_SYNCED, MoveStep.CUTOVER,
                MoveStep.CLEANED_UP}) {
            router.post("/api/v3/cluster/shards/" + step.seedName()).handler(ctx -> step(ctx, step));
        }
    }

    private static long u64(JsonBody b, String field) {
        String text = b.requiredString(field);
        try {
            if (text.startsWith("+") || text.startsWith("-")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw CorralException.invalid(field, "field '" + field + "' must be a u64 number in a string, got '"
                    + text + "'");
        }
    }

    private void move(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        String resource = InfluxShardingEndpoint.resourceId(b.requiredString("db_name"), b.requiredString("table_name"));
        long shardId = u64(b, "shard_id_str");
        long targetU64 = u64(b, "target_node_id_str");
        Principal p = Http.principal(ctx);
        Shard shard = shard(p, resource, shardId);
        Node target = nodes.findByU64(p, Workspace.DEFAULT, targetU64);
        Replica leader = shard.leader();
        String source = leader == null ? null : leader.nodeId();
        Http.async(ctx, moves.start(p, Workspace.DEFAULT, resource, shardId, source, target.id(),
                "requested through /api/v3"), 202, m -> Json.object().put("status", "shard move initiated")
                .put("move_id", m.id()));
    }

    private Shard shard(Principal p, String resource, long shardId) {
        var img = maps.read(p, Workspace.DEFAULT);
        img.resource(Workspace.DEFAULT, resource).orElseThrow(() ->
                CorralException.resourceNotFound(Workspace.DEFAULT, resource));
        Shard s = img.map(Workspace.DEFAULT, resource).shards().get(shardId);
        if (s == null) {
            throw new CorralException(ErrorCode.SHARD_NOT_FOUND, "shard " + Long.toUnsignedString(shardId) + " of '"
                    + resource + "' not found", Map.of("shard_id", shardId));
        }
        return s;
    }

    private void step(RoutingContext ctx, MoveStep step) {
        JsonBody b = Http.body(ctx, false);
        String resource = InfluxShardingEndpoint.resourceId(b.requiredString("db_name"), b.requiredString("table_name"));
        long shardId = u64(b, "shard_id_str");
        Principal p = Http.principal(ctx);
        shard(p, resource, shardId);
        Move m = moves.activeOn(p, Workspace.DEFAULT, resource, shardId);
        Http.async(ctx, moves.report(p, Workspace.DEFAULT, m.id(), step, MoveProgress.NONE, null), 200,
                after -> Json.object().put("status", step.seedName() + " recorded").put("move_id", after.id())
                        .put("shard_status", after.phase().seedWord()));
    }
}
