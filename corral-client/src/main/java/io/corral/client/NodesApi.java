package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nodes of a workspace ({@code /api/v1/workspaces/{ws}/nodes}). Reading needs a viewer key, changing an
 * operator key; a node's own token may heartbeat, set its maintenance and read itself. Node objects are
 * returned as the server sends them (fields {@code id}, {@code name}, {@code role}, {@code status},
 * {@code addresses}, {@code labels}, {@code last_heartbeat}, …). Each method is one request.
 */
public final class NodesApi {
    private final Transport transport;

    NodesApi(Transport transport) {
        this.transport = transport;
    }

    /** One page of the workspace's nodes matching {@code query}. */
    public Page list(String workspaceId, NodeQuery query) {
        return Page.from(transport.get(base(workspaceId) + query.toQueryString()));
    }

    /** @throws ApiException {@code NODE_NOT_FOUND} when there is no such node in the workspace */
    public JsonNode get(String workspaceId, String nodeId) {
        return transport.get(node(workspaceId, nodeId)).get("data");
    }

    /** Health, last heartbeat, serving flag and status reason of one node. */
    public JsonNode status(String workspaceId, String nodeId) {
        return transport.get(node(workspaceId, nodeId) + "/status").get("data");
    }

    /**
     * Registers a node and returns it with its own token (shown only this once).
     *
     * @throws ApiException {@code NODE_ALREADY_EXISTS} for a taken id without upsert
     */
    public Issued register(String workspaceId, NodeRegistration registration) {
        return Issued.from(transport.post(base(workspaceId), registration.toJson()));
    }

    /** Applies a partial update and returns the updated node. */
    public JsonNode update(String workspaceId, String nodeId, NodeUpdate update) {
        return transport.patch(node(workspaceId, nodeId), update.toJson()).get("data");
    }

    /** Removes a node; {@code reason} (may be null) is recorded in the removal event. */
    public void remove(String workspaceId, String nodeId, String reason) {
        transport.delete(node(workspaceId, nodeId) + Uris.query(java.util.Collections.singletonMap("reason", reason)));
    }

    /**
     * Reports the node alive with its latest metrics (may be empty). The reply has the node's {@code status},
     * {@code status_set_by_node}, {@code status_changed_at_ms} (epoch ms) and {@code heartbeat_interval_ms}, the
     * interval the coordinator wants heartbeats at.
     */
    public JsonNode heartbeat(String workspaceId, String nodeId, Map<String, ?> metrics) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        Bodies.putMap(body, "metrics", metrics == null ? Map.of() : metrics);
        return transport.post(node(workspaceId, nodeId) + "/heartbeat", body).get("data");
    }

    /**
     * The node's metrics over {@code period} ({@code 5m}, {@code 1h}, {@code 6h}, {@code 24h} or {@code 7d}):
     * per metric group ({@code cpu}, {@code memory}, {@code storage}, {@code load}, {@code network},
     * {@code connections}, {@code application}) the current, average and peak value and the series.
     *
     * @param metric one group only, or null for all
     * @throws ApiException {@code VALIDATION_FAILED} for an unknown period or metric
     */
    public JsonNode metrics(String workspaceId, String nodeId, String period, String metric) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("period", period);
        q.put("metric", metric);
        return transport.get(node(workspaceId, nodeId) + "/metrics" + Uris.query(q)).get("data");
    }

    /** Takes the node into maintenance ({@code enabled}) or back out; returns the node. */
    public JsonNode setMaintenance(String workspaceId, String nodeId, boolean enabled, String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("enabled", enabled);
        if (reason != null) {
            body.put("reason", reason);
        }
        return transport.put(node(workspaceId, nodeId) + "/maintenance", body).get("data");
    }

    private static String base(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId) + "/nodes";
    }

    private static String node(String workspaceId, String nodeId) {
        return base(workspaceId) + "/" + Uris.encode(nodeId);
    }
}
