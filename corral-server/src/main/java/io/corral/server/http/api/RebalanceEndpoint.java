package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.moves.Rebalances;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.Operation;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.service.ShardMapService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * A workspace's rebalance operation: {@code POST /api/v1/workspaces/{ws}/rebalance} starts one (202),
 * {@code GET} shows the running or latest one with its progress, {@code DELETE} cancels it and rolls
 * back its moves that have not cut over.
 */
public final class RebalanceEndpoint {
    private static final String PATH = "/api/v1/workspaces/:ws/rebalance";
    private final ShardMapService maps;

    public RebalanceEndpoint(ShardMapService maps) {
        this.maps = maps;
    }

    public void addRoutes(Router router) {
        router.get(PATH).handler(this::get);
        router.post(PATH).handler(ctx -> Http.async(ctx, maps.startRebalance(Http.principal(ctx), ctx.pathParam("ws")),
                202, op -> NodeViews.data(view(maps.hub().latest(), op))));
        router.delete(PATH).handler(ctx -> Http.async(ctx, maps.cancelRebalance(Http.principal(ctx),
                ctx.pathParam("ws")), 200, op -> NodeViews.data(view(maps.hub().latest(), op))));
    }

    /** An operation with its progress: moves it started, done, under way, rolled back. */
    static ObjectNode view(ClusterImage img, Operation op) {
        ObjectNode o = Json.object();
        if (op == null) {
            return o;
        }
        o.put("id", op.id());
        o.put("workspace_id", op.workspace());
        o.put("state", op.state().name().toLowerCase(Locale.ROOT));
        o.put("created_at", Json.time(op.createdAtMs()));
        o.put("ended_at", Json.time(op.endedAtMs()));
        o.put("created_by", op.createdBy());
        long done = 0;
        long failed = 0;
        long started = 0;
        for (Move m : img.moves().finished().values()) {
            if (op.id().equals(m.operation())) {
                started++;
                if (m.phase() == MovePhase.DONE) {
                    done++;
                } else {
                    failed++;
                }
            }
        }
        int active = Rebalances.movesOf(img, op.id()).size();
        started += active;
        ObjectNode p = o.putObject("progress");
        p.put("moves_started", started).put("moves_done", done).put("moves_active", active)
                .put("moves_rolled_back", failed);
        return o;
    }

    private void get(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        Operation op = maps.rebalance(Http.principal(ctx), ws);
        Http.json(ctx, 200, NodeViews.data(op == null ? null : view(maps.hub().latest(), op)));
    }
}
