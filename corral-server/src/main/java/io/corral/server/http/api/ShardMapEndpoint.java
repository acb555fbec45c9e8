package io.corral.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.config.Durations;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.ClusterMaintenance;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Taint;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.policies.placement.NodeMode;
import io.corral.server.policies.placement.PlacementNode;
import io.corral.server.policies.placement.ReplicaMove;
import io.corral.server.service.ShardMapService;
import io.corral.server.shardmap.WhatIf;
import io.corral.server.http.DirectRoute;
import io.corral.server.security.Principal;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A workspace's shard map: {@code GET …/shardmap} (ETag; long-poll with {@code ?index=&wait=}, Consul's
 * blocking-query semantics, the version in {@code X-Corral-Index}), {@code GET …/shardmap/stream}
 * (Server-Sent Events, resumable with {@code Last-Event-ID}), {@code POST …/shardmap/plan} (what-if),
 * {@code POST …/shardmap/apply}; and cluster maintenance mode, {@code /api/v1/cluster/maintenance}.
 */
public final class ShardMapEndpoint {
    public static final String INDEX_HEADER = "X-Corral-Index";
    private static final long DEFAULT_WAIT_MS = 300_000;
    /** The longest {@code wait} a long-poll may ask for. */
    public static final long MAX_WAIT_MS = 600_000;
    /** The longest a long-poll is held: its wait plus up to 1/16 of jitter and the deadline timer's resolution. */
    public static final long LONGEST_HOLD_MS = MAX_WAIT_MS + MAX_WAIT_MS / 16 + LoopWatchers.WAIT_RESOLUTION_MS;
    private static final long KEEPALIVE_MS = 15_000;
    private static final int MAX_MOVES_SHOWN = 10_000;
    private static final Buffer CONNECTED = RenderedMaps.shared(": connected\n\n".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
    private static final String MAP_PATH = "/api/v1/workspaces/:ws/shardmap";
    private final ShardMapService maps;
    private final RenderedMaps rendered = new RenderedMaps();
    private final ConcurrentHashMap<ContextInternal, LoopWatchers> loops = new ConcurrentHashMap<>();

    public ShardMapEndpoint(ShardMapService maps) {
        this.maps = maps;
    }

    public void addRoutes(Router router) {
        router.get(MAP_PATH).handler(ctx -> get(() -> Http.principal(ctx), ctx.pathParam("ws"), ctx.request()));
        router.get("/api/v1/workspaces/:ws/shardmap/stream").handler(this::stream);
        router.post("/api/v1/workspaces/:ws/shardmap/plan").handler(this::plan);
        router.post("/api/v1/workspaces/:ws/shardmap/apply").handler(this::apply);
        router.get("/api/v1/cluster/maintenance").handler(this::getMaintenance);
        router.put("/api/v1/cluster/maintenance").handler(this::setMaintenance);
    }

    /**
     * {@code GET …/shardmap} (plain, conditional or long-poll) as a {@link DirectRoute}: the same function
     * as the router's route, so the same answers, without the router's matching (a re-poll is hot).
     */
    public DirectRoute mapRoute() {
        return DirectRoute.answering(HttpMethod.GET, MAP_PATH, (caller, params, req) -> get(caller, params.get(0), req));
    }

    /** Answers 304 when {@code If-None-Match} names {@code version}; sets ETag and the index header either way. */
    static boolean notModified(RoutingContext ctx, long version) {
        return notModified(ctx.request(), version);
    }

    private static boolean notModified(HttpServerRequest req, long version) {
        String etag = "\"" + version + "\"";
        HttpServerResponse res = req.response();
        res.putHeader("ETag", etag).putHeader(INDEX_HEADER, Long.toString(version));
        String inm = req.getHeader("If-None-Match");
        if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag))) {
            res.setStatusCode(304).end();
            return true;
        }
        return false;
    }

    /** The map of {@code ws}, at once or (with {@code index}) once it differs from that version or the wait passed. */
    private void get(Supplier<Principal> caller, String ws, HttpServerRequest req) {
        ClusterImage img = maps.readMap(caller.get(), ws);
        String index = req.getParam("index");
        if (index == null) {
            respondMap(req, img, ws);
            return;
        }
        long idx = parseIndex(index);
        long waitMs = parseWait(req.getParam("wait"));
        long jitterMs = waitMs / 16 == 0 ? 0 : ThreadLocalRandom.current().nextLong(waitMs / 16 + 1);
        LoopWatchers loop = loopWatchers();
        // Read after the loop listens: a change applied from now on reaches the loop's fan-out.
        ClusterImage now = maps.hub().latest();
        if (now.workspaceMapVersion(ws) != idx || waitMs == 0) {
            respondMap(req, now, ws);
        } else {
            loop.awaitChange(req, ws, idx, waitMs + jitterMs);
        }
    }

    /** The watchers of the event loop running the caller, created (and listening) on first use. */
    private LoopWatchers loopWatchers() {
        ContextInternal loop = ((ContextInternal) Vertx.currentContext()).unwrap();
        return loops.computeIfAbsent(loop, l -> new LoopWatchers(loop, maps.hub(), rendered, this::respondMap,
                KEEPALIVE_MS));
    }

    private void respondMap(HttpServerRequest req, ClusterImage img, String ws) {
        if (notModified(req, img.workspaceMapVersion(ws))) {
            return;
        }
        req.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(rendered.map(img, ws));
    }

    private static long parseIndex(String text) {
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw CorralException.invalid("index", "index must be a non-negative integer, got '" + text + "'");
        }
    }

    private static long parseWait(String text) {
        if (text == null) {
            return DEFAULT_WAIT_MS;
        }
        long ms;
        try {
            ms = Durations.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("wait", e.getMessage());
        }
        if (ms > MAX_WAIT_MS) {
            throw CorralException.invalid("wait", "wait must be at most " + Durations.format(MAX_WAIT_MS));
        }
        return ms;
    }

    private void stream(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        maps.readMap(Http.principal(ctx), ws);
        String lastId = ctx.request().getHeader("Last-Event-ID");
        if (lastId == null) {
            lastId = Http.query(ctx, "last_event_id");
        }
        long last = lastId == null || lastId.isBlank() ? -1 : parseIndex(lastId.trim());
        HttpServerResponse res = ctx.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        LoopWatchers loop = loopWatchers();
        // Read after the loop listens: a change applied from now on reaches the loop's fan-out.
        ClusterImage now = maps.hub().latest();
        // Send the headers at once, even when a resumed stream has nothing to replay yet.
        res.write(CONNECTED);
        if (last >= 0 && retained(now, last)) {
            for (Buffer frame : loop.changeFrames(now, ws, last)) {
                res.write(frame);
            }
        } else {
            res.write(rendered.snapshot(now, ws));
        }
        loop.stream(res, ws, now.workspaceMapVersion(ws));
    }

    /** Whether every change after {@code last} is still kept (so a resumed stream misses nothing). */
    private static boolean retained(ClusterImage img, long last) {
        if (last > img.mapVersion()) {
            return false;
        }
        return img.mapChanges().isEmpty() ? last == img.mapVersion() : img.mapChanges().firstKey() <= last + 1;
    }

    private void plan(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, true);
        WhatIf whatIf = whatIf(b);
        var plan = maps.plan(Http.principal(ctx), ctx.pathParam("ws"), whatIf);
        ObjectNode data = Json.object();
        var stats = plan.result().stats();
        ObjectNode s = data.putObject("stats");
        s.put("replicas", stats.replicas());
        s.put("moved", stats.moved());
        s.put("leader_changes", stats.leaderChanges());
        s.put("max_over_avg_load", stats.maxOverAvgLoad());
        s.put("unplaced", stats.unplaced());
        s.put("shards_changed", plan.deltas().stream().mapToInt(d -> d.set().size() + d.removed().size()).sum());
        data.set("warnings", Json.MAPPER.valueToTree(plan.result().warnings()));
        ArrayNode moves = data.putArray("moves");
        for (ReplicaMove m : plan.result().moves()) {
            if (moves.size() >= MAX_MOVES_SHOWN) {
                data.put("moves_truncated", true);
                break;
            }
            moves.addObject().put("resource_id", m.shard().resourceId()).put("shard", m.shard().partition())
                    .put("from", m.from()).put("to", m.to());
        }
        if (Http.queryBool(ctx, "include_map", false)) {
            ObjectNode target = data.putObject("target");
            plan.result().assignment().forEach((ref, nodes) -> target.with(ref.resourceId())
                    .set(Integer.toString(ref.partition()), Json.MAPPER.valueToTree(nodes)));
        }
        Http.json(ctx, 200, NodeViews.data(data));
    }

    static WhatIf whatIf(JsonBody b) {
        List<PlacementNode> add = new java.util.ArrayList<>();
        JsonNode addNodes = b.tree().get("add_nodes");
        if (addNodes != null && !addNodes.isNull()) {
            if (!addNodes.isArray()) {
                throw CorralException.invalid("add_nodes", "add_nodes must be an array of {id, zone, weight, labels}");
            }
            for (JsonNode n : addNodes) {
                if (!n.isObject() || !n.path("id").isTextual()) {
                    throw CorralException.invalid("add_nodes", "each added node needs a string id");
                }
                JsonBody nb = JsonBody.parse(Json.bytes(n), false);
                Double weight = nb.number("weight");
                List<Taint> taints = nb.taints("taints");
                Map<String, String> labels = nb.stringMap("labels");
                add.add(new PlacementNode(nb.string("id"), nb.string("zone"), weight == null ? 1.0 : weight,
                        labels == null ? Map.of() : labels, taints == null ? List.of() : taints, NodeMode.ACCEPT));
            }
        }
        Map<String, WhatIf.ResourceOverride> resources = new HashMap<>();
        JsonNode res = b.tree().get("resources");
        if (res != null && !res.isNull()) {
            if (!res.isObject()) {
                throw CorralException.invalid("resources", "resources must map resource ids to "
                        + "{partitions, replication_factor}");
            }
            var it = res.fields();
            while (it.hasNext()) {
                var e = it.next();
                JsonBody rb = JsonBody.parse(Json.bytes(e.getValue()), false);
                Long p = rb.integer("partitions", 1, io.corral.server.domain.Resource.MAX_PARTITIONS);
                Long rf = rb.integer("replication_factor", 1, io.corral.server.domain.Resource.MAX_REPLICATION_FACTOR);
                resources.put(e.getKey(), new WhatIf.ResourceOverride(p == null ? null : p.intValue(),
                        rf == null ? null : rf.intValue()));
            }
        }
        return new WhatIf(add, set(b, "remove_nodes"), set(b, "disable_nodes"), set(b, "zones_down"), resources);
    }

    private static Set<String> set(JsonBody b, String field) {
        Set<String> s = b.stringSet(field);
        return s == null ? Set.of() : new HashSet<>(s);
    }

    private void apply(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        Http.async(ctx, maps.apply(Http.principal(ctx), ws), 200, a -> {
            ObjectNode data = Json.object().put("workspace_id", ws).put("version", a.version());
            data.put("rebalance_id", a.rebalance() == null ? null : a.rebalance().id());
            return NodeViews.data(data);
        });
    }

    private static ObjectNode maintenanceView(ClusterMaintenance m) {
        ObjectNode o = Json.object();
        o.put("enabled", m != null);
        o.put("reason", m == null ? null : m.reason());
        o.put("by", m == null ? null : m.by());
        o.put("since", m == null ? null : Json.time(m.sinceMs()));
        return o;
    }

    private void getMaintenance(RoutingContext ctx) {
        Http.json(ctx, 200, NodeViews.data(maintenanceView(maps.maintenance(Http.principal(ctx)))));
    }

    private void setMaintenance(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Boolean enabled = b.bool("enabled");
        if (enabled == null) {
            throw CorralException.invalid("enabled", "field 'enabled' (true or false) is required");
        }
        Http.async(ctx, maps.setMaintenance(Http.principal(ctx), enabled, b.string("reason")), 200,
                m -> NodeViews.data(maintenanceView(m)));
    }
}
