package io.corral.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.UpdateResource;
import io.corral.server.config.Durations;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.DataMovement;
import io.corral.server.domain.Resource;
import io.corral.server.domain.RoutingStyle;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.policies.placement.Toleration;
import io.corral.server.service.ShardMapService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The native resource API: {@code /api/v1/workspaces/{ws}/resources…}. */
public final class ResourcesEndpoint {
    private static final String BASE = "/api/v1/workspaces/:ws/resources";
    private final ShardMapService maps;

    public ResourcesEndpoint(ShardMapService maps) {
        this.maps = maps;
    }

    public void addRoutes(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::create);
        router.get(BASE + "/:id").handler(this::get);
        router.patch(BASE + "/:id").handler(this::update);
        router.delete(BASE + "/:id").handler(this::delete);
        router.get(BASE + "/:id/map").handler(this::map);
    }

    private void list(RoutingContext ctx) {
        List<Resource> all = maps.resources(Http.principal(ctx), ctx.pathParam("ws"));
        ObjectNode body = NodeViews.onePage(all, r -> MapViews.resource(r));
        Http.json(ctx, 200, body);
    }

    private void create(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        String ws = ctx.pathParam("ws");
        String routingWord = b.string("routing");
        RoutingStyle routing = routingWord == null ? RoutingStyle.PARTITIONED : parseRouting(routingWord);
        Long partitions = b.integer("partitions", 1, Resource.MAX_PARTITIONS);
        Long rf = b.integer("replication_factor", 1, Resource.MAX_REPLICATION_FACTOR);
        Long minActive = b.integer("min_active_replicas", 0, Resource.MAX_REPLICATION_FACTOR);
        Boolean spread = b.bool("spread_zones");
        List<String> keys = b.stringList("shard_keys");
        Map<String, String> selector = b.stringMap("node_selector");
        List<Toleration> tolerations = tolerations(b);
        Resource spec = new Resource(ws, b.requiredString("id"), b.string("kind") == null ? "table" : b.string("kind"),
                routing, keys == null ? List.of() : keys, partitions == null ? 1 : partitions.intValue(),
                rf == null ? 1 : rf.intValue(), timeSlice(b), selector == null ? Map.of() : selector,
                tolerations == null ? List.of() : tolerations, spread == null || spread,
                minActive == null ? 0 : minActive.intValue(), dataMovement(b), 0, 0);
        Http.async(ctx, maps.create(Http.principal(ctx), spec), 201, r -> NodeViews.data(MapViews.resource(r)));
    }

    static DataMovement dataMovement(JsonBody b) {
        String word = b.string("data_movement");
        if (word == null) {
            return null;
        }
        try {
            return DataMovement.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("data_movement", "data_movement '" + word + "' must be none or staged");
        }
    }

    private static RoutingStyle parseRouting(String word) {
        try {
            return RoutingStyle.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("routing", "routing '" + word + "' must be partitioned or rendezvous");
        }
    }

    private static Long timeSlice(JsonBody b) {
        String text = b.string("time_slice");
        if (text == null) {
            return null;
        }
        try {
            return Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("time_slice", e.getMessage());
        }
    }

    static List<Toleration> tolerations(JsonBody b) {
        JsonNode v = b.tree().get("tolerations");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw CorralException.invalid("tolerations", "field 'tolerations' must be an array");
        }
        List<Toleration> out = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isObject()) {
                throw CorralException.invalid("tolerations", "each toleration must be an object");
            }
            for (String f : new String[] {"key", "operator", "value", "effect"}) {
                if (t.has(f) && !t.get(f).isNull() && !t.get(f).isTextual()) {
                    throw CorralException.invalid("tolerations", "toleration field '" + f + "' must be a string");
                }
            }
            out.add(new Toleration(t.path("key").textValue(), t.hasNonNull("operator") ? t.get("operator").asText()
                    : "Equal", t.path("value").textValue(), t.path("effect").textValue()));
        }
        return out;
    }

    private void get(RoutingContext ctx) {
        Resource r = maps.resource(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"));
        Http.json(ctx, 200, NodeViews.data(MapViews.resource(r)));
    }

    private void update(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Long partitions = b.integer("partitions", 1, Resource.MAX_PARTITIONS);
        Long rf = b.integer("replication_factor", 1, Resource.MAX_REPLICATION_FACTOR);
        Long minActive = b.integer("min_active_replicas", 0, Resource.MAX_REPLICATION_FACTOR);
        Long slice = b.present("time_slice") && !b.has("time_slice") ? Long.valueOf(0) : timeSlice(b);
        UpdateResource change = new UpdateResource(ctx.pathParam("ws"), ctx.pathParam("id"), b.stringList("shard_keys"),
                partitions == null ? null : partitions.intValue(), rf == null ? null : rf.intValue(), slice,
                b.stringMap("node_selector"), tolerations(b), b.bool("spread_zones"),
                minActive == null ? null : minActive.intValue(), dataMovement(b));
        Http.async(ctx, maps.update(Http.principal(ctx), change), 200, r -> NodeViews.data(MapViews.resource(r)));
    }

    private void delete(RoutingContext ctx) {
        Http.async(ctx, maps.delete(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id")), 204, r -> null);
    }

    /** One resource's map, with an ETag of its version ({@code If-None-Match} → 304). */
    private void map(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        var img = maps.readMap(Http.principal(ctx), ws);
        Resource r = img.resource(ws, ctx.pathParam("id"))
                .orElseThrow(() -> CorralException.resourceNotFound(ws, ctx.pathParam("id")));
        long version = img.map(ws, r.id()).version();
        if (ShardMapEndpoint.notModified(ctx, version)) {
            return;
        }
        Http.json(ctx, 200, NodeViews.data(MapViews.resourceMap(img, r)));
    }
}
