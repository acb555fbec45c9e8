package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.NodePatch;
import io.corral.server.commands.RegisterNode.Registration;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.health.ReportedServingMode;
import io.corral.server.http.DirectRoute;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.http.JsonOut;
import io.corral.server.http.StreamedBody;
import io.corral.server.security.Principal;
import io.corral.server.service.NodeQuery;
import io.corral.server.service.NodeService;
import io.corral.server.service.Page;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The native node API: {@code /api/v1/workspaces/{ws}/nodes…}. */
public final class NodesEndpoint {
    private static final String BASE = "/api/v1/workspaces/:ws/nodes";
    /** The string fields a heartbeat body may carry (one array for every heartbeat; never changed). */
    private static final String[] HEARTBEAT_STRING_FIELDS = {"status", "status_origin"};
    /** The heartbeat route, also served in front of the router (see {@link #heartbeatRoute()}). */
    public static final String HEARTBEAT_PATH = BASE + "/:id/heartbeat";
    private static final String MAINTENANCE_PATH = BASE + "/:id/maintenance";
    private final NodeService nodes;

    public NodesEndpoint(NodeService nodes) {
        this.nodes = nodes;
    }

    public void addRoutes(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::register);
        router.get(BASE + "/:id").handler(this::get);
        router.patch(BASE + "/:id").handler(this::update);
        router.delete(BASE + "/:id").handler(this::remove);
        router.post(HEARTBEAT_PATH).handler(this::heartbeat);
        router.put(MAINTENANCE_PATH).handler(this::maintenance);
        router.get(BASE + "/:id/status").handler(this::status);
        router.post(BASE + "/:id/drain").handler(ctx -> drain(ctx, true));
        router.delete(BASE + "/:id/drain").handler(ctx -> drain(ctx, false));
    }

    /** {@code {"data": <node view>}} with the node's last heartbeat. */
    private byte[] nodeData(Node n) {
        return NodeViews.nodeData(n, nodes.lastBeat(n.id()));
    }

    private void list(RoutingContext ctx) {
        NodeQuery q = new NodeQuery(statuses(Http.query(ctx, "status")), Http.query(ctx, "role"),
                labelSelector(Http.query(ctx, "labels")), Http.query(ctx, "zone"), Http.query(ctx, "region"),
                Http.query(ctx, "plan_id"), Http.query(ctx, "search"), Http.queryInt(ctx, "page", 1),
                Http.queryInt(ctx, "per_page", NodeQuery.DEFAULT_PER_PAGE));
        Page<Node> page = nodes.list(Http.principal(ctx), ctx.pathParam("ws"), q);
        Http.jsonBytes(ctx, 200, JsonOut.bytes(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (Node n : page.items()) {
                g.writeStartObject();
                NodeViews.writeNodeFields(g, n, nodes.lastBeat(n.id()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("pagination");
            g.writeTree(NodeViews.pagination(page));
            g.writeEndObject();
        }));
    }

    /** {@code status=active,maintenance}; seed 002's {@code running} means active. */
    static Set<Lifecycle> statuses(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        Set<Lifecycle> out = EnumSet.noneOf(Lifecycle.class);
        for (String word : param.split(",")) {
            String w = word.trim();
            Lifecycle s = w.equalsIgnoreCase("running") ? Lifecycle.ACTIVE
                    : w.equalsIgnoreCase("error") ? Lifecycle.FAILED
                    : Lifecycle.parse(w).orElseThrow(() -> CorralException.invalid("status", "unknown status '" + w
                            + "'; use one of " + java.util.Arrays.toString(Lifecycle.values()).toLowerCase()));
            out.add(s);
        }
        return out;
    }

    /** {@code labels=env=prod,team=db}: every pair must match. */
    static Map<String, String> labelSelector(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : param.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw CorralException.invalid("labels", "label selector '" + pair + "' must be key=value");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    private void register(RoutingContext ctx) {
        Http.reply(ctx, register(() -> Http.principal(ctx), ctx.pathParam("ws"), Http.bodyBytes(ctx)));
    }

    /** Registration as a {@link DirectRoute}: the same answers as the router's route, without the router. */
    public DirectRoute registerRoute() {
        return DirectRoute.deferred(HttpMethod.POST, BASE, (caller, params, body) -> register(caller, params.get(0), body));
    }

    private CompletionStage<DirectRoute.Reply> register(Supplier<Principal> caller, String workspace, byte[] body) {
        JsonBody b = JsonBody.parse(body, false);
        NodeSpec spec = spec(b, workspace);
        boolean upsert = Boolean.TRUE.equals(b.bool("upsert"));
        return nodes.register(caller.get(), spec, upsert)
                .thenApply(r -> new DirectRoute.Reply(201, () -> registrationView(r)));
    }

    /** The node's view with its token: {@code {"data": {…, "token": …}}}. */
    private byte[] registrationView(Registration r) {
        return NodeViews.registrationData(r.node(), nodes.lastBeat(r.node().id()), r.token());
    }

    static NodeSpec spec(JsonBody b, String workspace) {
        String id = b.has("id") && b.tree().get("id").isIntegralNumber() ? Long.toUnsignedString(b.u64("id", false))
                : b.string("id");
        Lifecycle status = b.has("status") ? Lifecycle.parse(b.string("status")).orElseThrow(() ->
                CorralException.invalid("status", "unknown status '" + b.string("status") + "'")) : null;
        Double weight = b.number("capacity_weight");
        Boolean monitored = b.bool("monitored");
        return new NodeSpec(id, workspace, b.string("name"), b.string("role"),
                new NodeAddresses(b.string("url"), b.string("rpc_address"), b.string("http_address")),
                b.stringMap("labels"), b.taints("taints"), b.string("zone"), b.string("region"),
                weight == null ? 1.0 : weight, status, b.objectMap("metadata"), b.string("plan_id"),
                b.string("provider"), b.string("replica_of"), monitored == null || monitored);
    }

    private void get(RoutingContext ctx) {
        Node n = nodes.get(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"));
        Http.jsonBytes(ctx, 200, nodeData(n));
    }

    private void update(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        NodeAddresses addresses = b.has("url") || b.has("rpc_address") || b.has("http_address")
                ? new NodeAddresses(b.string("url"), b.string("rpc_address"), b.string("http_address")) : null;
        NodePatch patch = new NodePatch(b.string("name"), b.stringMap("labels"), b.taints("taints"),
                b.objectMap("metadata"), b.string("zone"), b.string("region"), addresses, b.number("capacity_weight"));
        Http.reply(ctx, nodes.update(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"), patch)
                .thenApply(n -> new DirectRoute.Reply(200, () -> nodeData(n))));
    }

    private void remove(RoutingContext ctx) {
        Http.async(ctx, nodes.remove(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                Http.query(ctx, "reason"), Http.queryBool(ctx, "force", false)), 204, n -> null);
    }

    private void drain(RoutingContext ctx, boolean on) {
        Http.reply(ctx, nodes.drain(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"), on)
                .thenApply(n -> new DirectRoute.Reply(on ? 202 : 200, () -> nodeData(n))));
    }

    /** The heartbeat as a {@link DirectRoute}: the same answers as the router's route, without the router. */
    public DirectRoute heartbeatRoute() {
        return new DirectRoute(HttpMethod.POST, HEARTBEAT_PATH,
                (caller, params, body) -> heartbeat(caller, params.get(0), params.get(1), body));
    }

    private void heartbeat(RoutingContext ctx) {
        Http.jsonBytes(ctx, 200, heartbeat(() -> Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                Http.bodyBytes(ctx)));
    }

    private byte[] heartbeat(Supplier<Principal> caller, String workspace, String nodeId, byte[] body) {
        StreamedBody b = StreamedBody.read(body, true, "metrics", HEARTBEAT_STRING_FIELDS);
        Map<String, Object> metrics = b.object();
        String status = b.string("status");
        Lifecycle mode = status == null ? null : ReportedServingMode.parse(status).orElseThrow(() ->
                CorralException.invalid("status", "status must be 'active' or 'maintenance', got '" + status + "'"));
        String origin = b.string("status_origin");
        if (origin != null && !origin.equals("node") && !origin.equals("coordinator")) {
            throw CorralException.invalid("status_origin", "status_origin must be 'node' or 'coordinator'");
        }
        NodeService.HeartbeatAck ack = nodes.heartbeat(caller.get(), workspace, nodeId, metrics, mode,
                "coordinator".equals(origin));
        Node n = ack.node();
        return HeartbeatReply.render(n.status(), ReportedServingMode.setByNode(n), n.statusChangedAtMs(),
                ack.heartbeatIntervalMs());
    }

    private void maintenance(RoutingContext ctx) {
        Http.reply(ctx, maintenance(() -> Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                Http.bodyBytes(ctx)));
    }

    /** Maintenance on/off as a {@link DirectRoute}: the same answers as the router's route, without the router. */
    public DirectRoute maintenanceRoute() {
        return DirectRoute.deferred(HttpMethod.PUT, MAINTENANCE_PATH,
                (caller, params, body) -> maintenance(caller, params.get(0), params.get(1), body));
    }

    private CompletionStage<DirectRoute.Reply> maintenance(Supplier<Principal> caller, String workspace, String nodeId,
                                                          byte[] body) {
        JsonBody b = JsonBody.parse(body, false);
        Boolean enabled = b.bool("enabled");
        if (enabled == null) {
            throw CorralException.invalid("enabled", "field 'enabled' (true or false) is required");
        }
        return nodes.setMaintenance(caller.get(), workspace, nodeId, enabled, b.string("reason"))
                .thenApply(n -> new DirectRoute.Reply(200, () -> nodeData(n)));
    }

    /** Seed 002's node status: health from heartbeats, readiness and schedulability from the lifecycle. */
    private void status(RoutingContext ctx) {
        Node n = nodes.get(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"));
        var beat = nodes.lastBeat(n.id());
        ObjectNode data = Json.object();
        data.put("id", n.id());
        data.put("status", n.status().wire());
        data.put("health", n.status() == Lifecycle.INACTIVE || n.status() == Lifecycle.FAILED ? "unhealthy"
                : beat == null && n.monitored() ? "unknown" : "healthy");
        data.put("last_heartbeat", beat == null ? null : Json.time(beat.atMs()));
        data.put("serving", n.status().serving());
        data.put("status_reason", n.statusReason());
        data.put("status_changed_at", Json.time(n.statusChangedAtMs()));
        Http.json(ctx, 200, NodeViews.data(data));
    }
}
