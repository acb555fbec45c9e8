package io.corral.server.adapters.quiver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.rendezvous.StartedMigration;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.RingMember;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.RingMigrationService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Seed 003's online migrations over the {@value QuiverEndpoint#RESOURCE} ring: {@code POST /cluster/shards/grow}
 * (Quiver's), and Corral's extensions {@code POST /cluster/shards/{id}/drain},
 * {@code GET /cluster/migrations} and {@code GET /cluster/migrations/{id}}. Grow and drain need an admin
 * key and reply at once with the map (the shard joining or leaving), as Quiver's grow does, with the
 * migration's address in {@code Location}; the migration then runs in the background.
 */
public final class QuiverMigrationEndpoint {
    private final RingMigrationService migrations;

    public QuiverMigrationEndpoint(RingMigrationService migrations) {
        this.migrations = migrations;
    }

    public void addRoutes(Router router) {
        router.post("/cluster/shards/grow").handler(this::grow);
        router.post("/cluster/shards/:id/drain").handler(this::drain);
        router.get("/cluster/migrations").handler(this::list);
        router.get("/cluster/migrations/:id").handler(this::get);
    }

    /** A migration as JSON: id, kind, shard, phase, error, the frozen ring and its times. */
    static ObjectNode view(RingMigration m) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("kind", m.kind().wire());
        o.put("shard_id", m.shardId());
        o.put("shard_url", m.shardUrl());
        o.put("phase", m.phase().wire());
        o.put("error", m.error());
        ArrayNode ring = o.putArray(m.kind() == RingMigration.Kind.GROW ? "donors" : "targets");
        for (RingMember r : m.ring()) {
            ring.addObject().put("id", r.shardId()).put("url", r.url());
        }
        o.put("created_at", Json.time(m.createdAtMs()));
        o.put("phase_since", Json.time(m.phaseSinceMs()));
        o.put("actor", m.actor());
        return o;
    }

    private void grow(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        List<String> replicas = b.stringList("replica_urls");
        String primary = b.requiredString("primary_url");
        Http.async(ctx, migrations.grow(Http.principal(ctx), Workspace.DEFAULT, QuiverEndpoint.RESOURCE, primary,
                replicas == null ? List.of() : replicas), 200, m -> started(ctx, m));
    }

    private void drain(RoutingContext ctx) {
        Http.async(ctx, migrations.drain(Http.principal(ctx), Workspace.DEFAULT, QuiverEndpoint.RESOURCE,
                QuiverEndpoint.shardId(ctx)), 200, m -> started(ctx, m));
    }

    private Object started(RoutingContext ctx, StartedMigration started) {
        ctx.response().putHeader("Location", "/cluster/migrations/" + started.migration().id());
        return QuiverEndpoint.view(started.after());
    }

    private void list(RoutingContext ctx) {
        ObjectNode o = Json.object();
        ArrayNode all = o.putArray("migrations");
        migrations.list(Http.principal(ctx), Workspace.DEFAULT, QuiverEndpoint.RESOURCE).forEach(m -> all.add(view(m)));
        Http.json(ctx, 200, o);
    }

    private void get(RoutingContext ctx) {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw CorralException.invalid("id", "migration id '" + raw + "' is not a number");
        }
        Http.json(ctx, 200, view(migrations.get(Http.principal(ctx), Workspace.DEFAULT, id)));
    }
}
