package io.corral.server.adapters.quiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.rendezvous.RendezvousShards;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Replica;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.security.Principal;
import io.corral.server.service.ShardMapService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Seed 003's coordinator API (Quiver), over the rendezvous resource {@value #RESOURCE} of the
 * {@code default} workspace: {@code GET /cluster/map}, {@code POST /cluster/shards},
 * {@code POST /cluster/shards/joining}, {@code POST /cluster/shards/{id}/promote},
 * {@code DELETE /cluster/shards/{id}}, {@code GET /cluster/health}. Every route needs a valid key;
 * changes need an admin key. Each change replies with the new map, as Quiver does; shard ids are
 * never reused. Map errors are 400, as in Quiver.
 */
public final class QuiverEndpoint {
    /** The resource that holds Quiver's shards. */
    public static final String RESOURCE = "quiver";

    /** Probes shard health URLs: shard id → base URL in, shard id → up out. */
    public interface Probe {
        CompletableFuture<Map<Long, Boolean>> probe(Map<Long, String> urls);
    }

    private final ShardMapService maps;
    private final Probe probe;

    public QuiverEndpoint(ShardMapService maps, Probe probe) {
        this.maps = maps;
        this.probe = probe;
    }

    public void addRoutes(Router router) {
        router.get("/cluster/map").handler(this::map);
        router.post("/cluster/shards").handler(ctx -> add(ctx, false));
        router.post("/cluster/shards/joining").handler(ctx -> add(ctx, true));
        router.post("/cluster/shards/:id/promote").handler(this::promote);
        router.delete("/cluster/shards/:id").handler(this::remove);
        router.get("/cluster/health").handler(this::health);
    }

    /** Quiver's map JSON: {@code {version, shards: [{id, primary_url, replica_urls}], joining, leaving}}. */
    static ObjectNode view(ClusterImage img) {
        ResourceMap map = img.map(Workspace.DEFAULT, RESOURCE);
        ObjectNode o = Json.object();
        o.put("version", map.version());
        ArrayNode shards = o.putArray("shards");
        ArrayNode joining = o.putArray("joining");
        ArrayNode leaving = o.putArray("leaving");
        for (Shard s : map.shards().values()) {
            ObjectNode so = shards.addObject();
            so.put("id", s.id());
            so.put("primary_url", RendezvousShards.primaryUrl(s));
            ArrayNode replicas = so.putArray("replica_urls");
            for (int i = 1; i < s.replicas().size(); i++) {
                Replica r = s.replicas().get(i);
                replicas.add(r.url());
            }
            if (s.state() == Shard.State.JOINING) {
                joining.add(s.id());
            } else if (s.state() == Shard.State.LEAVING) {
                leaving.add(s.id());
            }
        }
        return o;
    }

    private void map(RoutingContext ctx) {
        Http.json(ctx, 200, view(maps.read(Http.principal(ctx), Workspace.DEFAULT)));
    }

    private void add(RoutingContext ctx, boolean joining) {
        Principal p = Http.principal(ctx);
        JsonBody b = Http.body(ctx, false);
        List<String> replicas = b.stringList("replica_urls");
        Http.async(ctx, maps.addRendezvousShard(p, Workspace.DEFAULT, RESOURCE, b.requiredString("primary_url"),
                replicas == null ? List.of() : replicas, joining), 200, id -> view(maps.hub().latest()));
    }

    static long shardId(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw CorralException.invalid("id", "shard id '" + raw + "' is not a number");
        }
    }

    private void promote(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        Http.async(ctx, maps.promoteRendezvousShard(p, Workspace.DEFAULT, RESOURCE, shardId(ctx)), 200,
                id -> view(maps.hub().latest()));
    }

    private void remove(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        Http.async(ctx, maps.removeRendezvousShard(p, Workspace.DEFAULT, RESOURCE, shardId(ctx)), 200,
                id -> view(maps.hub().latest()));
    }

    /** {@code {"<shard id>": true|false}}: whether each shard's primary answers {@code /healthz}. */
    private void health(RoutingContext ctx) {
        ClusterImage img = maps.read(Http.principal(ctx), Workspace.DEFAULT);
        Map<Long, String> urls = new LinkedHashMap<>();
        for (Shard s : img.map(Workspace.DEFAULT, RESOURCE).shards().values()) {
            urls.put(s.id(), RendezvousShards.primaryUrl(s));
        }
        Http.async(ctx, probe.probe(urls), 200, up -> {
            ObjectNode o = Json.object();
            up.forEach((id, ok) -> o.put(Long.toString(id), ok));
            return o;
        });
    }
}
