package io.corral.server.adapters.influx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.NodeSpec;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.security.Principal;
import io.corral.server.service.NodeQuery;
import io.corral.server.service.NodeService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.Map;

/**
 * Seed 000's node catalog, {@code /api/v3/cluster/nodes}, over the nodes of the {@code default}
 * workspace. A node's u64 id is its id when numeric, else its sequence number
 * ({@link Node#u64Id()}). Nodes registered here are catalog entries: their status is whatever was
 * last set (no heartbeats are expected, so the failure detector leaves them alone). Timestamps are
 * nanoseconds since the epoch, as InfluxDB uses; both are set by the server.
 */
public final class InfluxNodesEndpoint {
    private static final String BASE = "/api/v3/cluster/nodes";
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private final NodeService nodes;

    public InfluxNodesEndpoint(NodeService nodes) {
        this.nodes = nodes;
    }

    public void addRoutes(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::add);
        router.delete(BASE + "/:node_id").handler(this::remove);
        router.put(BASE + "/:node_id/status").handler(this::updateStatus);
    }

    /** The {@code ClusterNodeDefinition} of a node. */
    static ObjectNode definition(Node n) {
        ObjectNode o = Json.object();
        o.put("id", new BigInteger(Long.toUnsignedString(n.u64Id())));
        o.put("rpc_address", n.addresses().rpcAddress());
        o.put("http_address", n.addresses().httpAddress());
        o.put("status", InfluxStatus.word(n.status()));
        o.put("created_at", n.createdAtMs() * NANOS_PER_MILLI);
        o.put("updated_at", n.updatedAtMs() * NANOS_PER_MILLI);
        return o;
    }

    private void list(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        ArrayNode out = Json.array();
        int page = 1;
        while (true) {
            var result = nodes.list(p, Workspace.DEFAULT, new NodeQuery(null, null, null, null, null, null, null, page,
                    NodeQuery.MAX_PER_PAGE));
            result.items().forEach(n -> out.add(definition(n)));
            if (page >= result.pages()) {
                break;
            }
            page++;
        }
        Http.json(ctx, 200, out);
    }

    private void add(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Long id = b.u64("id", false);
        if (id == null) {
            throw CorralException.invalid("id", "field 'id' (u64) is required");
        }
        String statusWord = b.string("status");
        Lifecycle status = statusWord == null ? Lifecycle.ACTIVE : InfluxStatus.parse(statusWord).orElseThrow(() ->
                CorralException.invalid("status", "unknown status '" + statusWord + "'"));
        b.integer("created_at", 0, Long.MAX_VALUE);
        b.integer("updated_at", 0, Long.MAX_VALUE);
        String rpc = b.string("rpc_address");
        String http = b.string("http_address");
        NodeSpec spec = new NodeSpec(Long.toUnsignedString(id), Workspace.DEFAULT, null, "data",
                new NodeAddresses(http == null ? null : "http://" + http, rpc, http), Map.of(), null, null, null, 1.0,
                status, Map.of(), null, null, null, false);
        Http.async(ctx, nodes.register(Http.principal(ctx), spec, false), 201, r -> definition(r.node()));
    }

    private static String nodeId(RoutingContext ctx, NodeService nodes, Principal p) {
        String raw = ctx.pathParam("node_id");
        long u64;
        try {
            if (raw.startsWith("+") || raw.startsWith("-")) {
                throw new NumberFormatException();
            }
            u64 = Long.parseUnsignedLong(raw);
        } catch (NumberFormatException e) {
            throw CorralException.invalid("node_id", "node_id '" + raw + "' is not a u64 number");
        }
        return nodes.findByU64(p, Workspace.DEFAULT, u64).id();
    }

    private void remove(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        String id = nodeId(ctx, nodes, p);
        // Seed 000 documents removal without conditions: its replicas, if any, are re-placed as for a failed node.
        Http.async(ctx, nodes.remove(p, Workspace.DEFAULT, id, "removed through /api/v3", true), 204, n -> null);
    }

    private void updateStatus(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        String id = nodeId(ctx, nodes, p);
        JsonBody b = Http.body(ctx, false);
        String word = b.requiredString("status");
        Lifecycle status = InfluxStatus.parse(word).orElseThrow(() -> CorralException.invalid("status",
                "unknown status '" + word + "'; use one of Active, Inactive, Draining, Drained, Maintenance, Joining, "
                        + "Provisioning, Stopped, Failed"));
        Http.async(ctx, nodes.setStatus(p, Workspace.DEFAULT, id, status, "set through /api/v3"), 200,
                n -> Json.object().put("status", "updated"));
    }
}
