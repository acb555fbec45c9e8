package io.corral.server.adapters.proxystone;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Workspace;
import io.corral.server.health.ReportedServingMode;
import io.corral.server.http.DirectRoute;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.http.SmallJson;
import io.corral.server.http.StreamedBody;
import io.corral.server.security.Principal;
import io.corral.server.service.NodeQuery;
import io.corral.server.service.NodeService;
import io.corral.server.service.Page;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Seed 001's coordinator API under {@code /api/cluster}: workers register (again, after a restart,
 * with the same id) and heartbeat; operators list nodes, read health and status, and switch the
 * coordinator's own serving mode. Nodes live in the {@code default} workspace; {@code clusterId},
 * {@code capabilities}, {@code tags} and the worker's {@code metadata} are kept in the node's metadata.
 * The registration reply also carries the node's own {@code token} for its heartbeats.
 */
public final class ProxyStoneEndpoint {
    private static final String BASE = "/api/cluster";
    /** The string fields a heartbeat body may carry (one array for every heartbeat; never changed). */
    private static final String[] HEARTBEAT_STRING_FIELDS = {"status"};
    /** The heartbeat route, also served in front of the router (see {@link #heartbeatRoute()}). */
    public static final String HEARTBEAT_PATH = BASE + "/heartbeat/:nodeId";
    private final NodeService nodes;
    private final String selfId;
    private final long startedAtMs;

    public ProxyStoneEndpoint(NodeService nodes, String selfId, long startedAtMs) {
        this.nodes = nodes;
        this.selfId = selfId;
        this.startedAtMs = startedAtMs;
    }

    public void addRoutes(Router router) {
        router.post(BASE + "/register").handler(this::register);
        router.post(HEARTBEAT_PATH).handler(this::heartbeat);
        router.get(BASE + "/nodes").handler(this::nodes);
        router.get(BASE + "/status").handler(this::status);
        router.get(BASE + "/health").handler(this::health);
        router.post(BASE + "/enable-serving").handler(ctx -> serving(ctx, true));
        router.post(BASE + "/disable-serving").handler(ctx -> serving(ctx, false));
        router.get(BASE + "/service-status").handler(this::serviceStatus);
    }

    private void register(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, Object> given = b.objectMap("metadata");
        if (given != null) {
            metadata.putAll(given);
        }
        String clusterId = b.string("clusterId");
        metadata.put("clusterId", clusterId == null ? ProxyStoneViews.DEFAULT_CLUSTER_ID : clusterId);
        Map<String, Object> capabilities = b.objectMap("capabilities");
        if (capabilities != null) {
            metadata.put("capabilities", capabilities);
        }
        List<String> tags = b.stringList("tags");
        if (tags != null) {
            metadata.put("tags", tags);
        }
        String url = b.string("url");
        NodeSpec spec = new NodeSpec(b.string("id"), Workspace.DEFAULT, null, b.string("role"),
                new NodeAddresses(url, null, hostPort(url)), Map.of(), null, null, null, 1.0, Lifecycle.ACTIVE,
                metadata, null, null, null, true);
        Http.async(ctx, nodes.register(Http.principal(ctx), spec, true), 200, r -> {
            ObjectNode body = Json.object();
            body.put("success", true);
            body.set("node", ProxyStoneViews.node(r.node(), nodes.lastBeat(r.node().id())));
            body.put("token", r.token());
            return body;
        });
    }

    /** {@code http://127.0.0.1:4402/x} → {@code 127.0.0.1:4402}; null when there is no URL. */
    private static String hostPort(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI u = java.net.URI.create(url);
            if (u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
            return u.getHost() + ":" + port;
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("url", "url '" + url + "' is not an absolute http(s) URL");
        }
    }

    /** The heartbeat as a {@link DirectRoute}: the same answers as the router's route, without the router. */
    public DirectRoute heartbeatRoute() {
        return new DirectRoute(HttpMethod.POST, HEARTBEAT_PATH,
                (caller, params, body) -> heartbeat(caller, params.get(0), body));
    }

    private void heartbeat(RoutingContext ctx) {
        Http.jsonBytes(ctx, 200, heartbeat(() -> Http.principal(ctx), ctx.pathParam("nodeId"), Http.bodyBytes(ctx)));
    }

    private byte[] heartbeat(Supplier<Principal> caller, String nodeId, byte[] body) {
        StreamedBody b = StreamedBody.read(body, true, "metadata", HEARTBEAT_STRING_FIELDS);
        Map<String, Object> metrics = b.object();
        // "maintenance" or "active" switches the node's serving mode; other words are accepted and ignored.
        Lifecycle mode = ReportedServingMode.parse(b.string("status")).orElse(null);
        NodeService.HeartbeatAck ack = nodes.heartbeat(caller.get(), Workspace.DEFAULT, nodeId, metrics, mode, false);
        long intervalMs = ack.heartbeatIntervalMs();
        SmallJson out = new SmallJson().startObject().field("success", true).field("acknowledged", true)
                .timeField("timestamp", ack.atMs());
        if (intervalMs % 1000 == 0) {
            out.field("heartbeatInterval", intervalMs / 1000);
        } else {
            out.field("heartbeatInterval", intervalMs / 1000.0);
        }
        return out.endObject().bytes();
    }

    private List<Node> all(Principal p) {
        List<Node> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Node> result = nodes.list(p, Workspace.DEFAULT, new NodeQuery(null, null, null, null, null, null,
                    null, page, NodeQuery.MAX_PER_PAGE));
            out.addAll(result.items());
            if (page >= result.pages()) {
                return out;
            }
        }
    }

    private void nodes(RoutingContext ctx) {
        List<Node> all = all(Http.principal(ctx));
        ObjectNode body = Json.object();
        body.put("success", true);
        ArrayNode list = body.putArray("nodes");
        all.forEach(n -> list.add(ProxyStoneViews.node(n, nodes.lastBeat(n.id()))));
        body.put("total", all.size());
        Http.json(ctx, 200, body);
    }

    private ObjectNode serviceStatusOf(Node self, String timeField, long timeMs) {
        ObjectNode s = Json.object();
        boolean serving = self.status().serving();
        s.put("mode", serving ? "serving" : "maintenance");
        s.put("enabled", serving);
        s.put(timeField, Json.time(timeMs));
        return s;
    }

    private void status(RoutingContext ctx) {
        Node self = nodes.get(Http.principal(ctx), Workspace.DEFAULT, selfId);
        ObjectNode body = Json.object();
        body.put("success", true);
        ObjectNode status = ProxyStoneViews.node(self, nodes.lastBeat(selfId));
        status.remove("createdAt");
        body.set("status", status);
        ObjectNode config = body.putObject("config");
        config.put("enabled", true);
        config.put("clusterId", ProxyStoneViews.clusterId(self));
        config.putNull("coordinatorUrl");
        config.set("heartbeatInterval", seconds(nodes.heartbeatIntervalMs()));
        config.set("nodeTimeout", seconds(nodes.nodeTimeoutMs()));
        body.set("serviceStatus", serviceStatusOf(self, "startTime", startedAtMs));
        Http.json(ctx, 200, body);
    }

    private void health(RoutingContext ctx) {
        List<Node> all = all(Http.principal(ctx));
        long active = all.stream().filter(n -> n.status() == Lifecycle.ACTIVE).count();
        long inactive = all.stream().filter(n -> n.status() == Lifecycle.INACTIVE).count();
        ObjectNode health = Json.object();
        health.put("totalNodes", all.size());
        health.put("activeNodes", active);
        health.put("inactiveNodes", inactive);
        health.put("coordinatorHealthy", true);
        long lastUpdate = 0;
        ArrayNode list = health.putArray("nodes");
        for (Node n : all) {
            var beat = nodes.lastBeat(n.id());
            lastUpdate = Math.max(lastUpdate, ProxyStoneViews.lastSeenMs(n, beat));
            ObjectNode o = list.addObject();
            o.put("id", n.id());
            o.put("status", n.status().wire());
            o.put("role", n.role());
            // Corral does not probe nodes from this request; it has no round-trip time to report.
            o.putNull("responseTime");
        }
        health.put("lastUpdate", Json.time(lastUpdate));
        ObjectNode body = Json.object();
        body.put("success", true);
        body.set("health", health);
        Http.json(ctx, 200, body);
    }

    /** Switches the coordinator's own serving mode (maintenance off/on). */
    private void serving(RoutingContext ctx, boolean enable) {
        Principal p = Http.principal(ctx);
        Http.async(ctx, nodes.setMaintenance(p, Workspace.DEFAULT, selfId, !enable,
                "serving disabled through /api/cluster/disable-serving"), 200, self -> {
                    ObjectNode body = Json.object();
                    body.put("success", true);
                    body.put("message", enable ? "Cluster serving enabled"
                            : "Cluster serving disabled (maintenance mode)");
                    body.set("status", serviceStatusOf(self, "changedAt", self.statusChangedAtMs()));
                    return body;
                });
    }

    /** Seconds as seed 001 writes them: a whole number when whole ({@code 30}), else a decimal ({@code 0.5}). */
    static com.fasterxml.jackson.databind.JsonNode seconds(long ms) {
        return ms % 1000 == 0 ? Json.MAPPER.getNodeFactory().numberNode(ms / 1000)
                : Json.MAPPER.getNodeFactory().numberNode(ms / 1000.0);
    }

    private void serviceStatus(RoutingContext ctx) {
        Node self = nodes.get(Http.principal(ctx), Workspace.DEFAULT, selfId);
        ObjectNode body = Json.object();
        body.put("success", true);
        body.set("status", serviceStatusOf(self, "startTime", startedAtMs));
        ObjectNode nodeStatus = body.putObject("nodeStatus");
        nodeStatus.put("id", self.id());
        nodeStatus.put("status", self.status().wire());
        nodeStatus.put("role", self.role());
        nodeStatus.put("lastSeen", Json.time(ProxyStoneViews.lastSeenMs(self, nodes.lastBeat(selfId))));
        Http.json(ctx, 200, body);
    }
}
