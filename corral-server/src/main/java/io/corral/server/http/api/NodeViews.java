package io.corral.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Event;
import io.corral.server.domain.Node;
import io.corral.server.domain.Taint;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.Json;
import io.corral.server.service.Page;
import java.util.Map;

/** The native API's JSON for nodes, pages and events (snake_case, RFC 3339 times). */
public final class NodeViews {
    private NodeViews() {
    }

    public static ObjectNode node(Node n, HeartbeatTracker.Beat beat) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("seq", n.seq());
        o.put("name", n.name());
        o.put("workspace_id", n.workspace());
        o.put("role", n.role());
        o.put("status", n.status().wire());
        o.put("status_reason", n.statusReason());
        o.put("serving", n.status().serving());
        ObjectNode addr = o.putObject("addresses");
        addr.put("url", n.addresses().url());
        addr.put("rpc_address", n.addresses().rpcAddress());
        addr.put("http_address", n.addresses().httpAddress());
        if (n.labels() == null) {
            o.putNull("labels");
        } else {
            ObjectNode labels = o.putObject("labels");
            for (Map.Entry<String, String> e : n.labels().entrySet()) {
                labels.put(e.getKey(), e.getValue());
            }
        }
        ArrayNode taints = o.putArray("taints");
        for (Taint t : n.taints()) {
            taints.addObject().put("key", t.key()).put("value", t.value()).put("effect", t.effect());
        }
        o.put("zone", n.zone());
        o.put("region", n.region());
        o.put("capacity_weight", n.capacityWeight());
        o.set("metadata", tree(n.metadata()));
        o.put("plan_id", n.planId());
        o.put("provider", n.provider());
        o.put("replica_of", n.replicaOf());
        o.put("monitored", n.monitored());
        o.put("created_at", Json.time(n.createdAtMs()));
        o.put("updated_at", Json.time(n.updatedAtMs()));
        o.put("status_changed_at", Json.time(n.statusChangedAtMs()));
        o.put("last_heartbeat", beat == null ? null : Json.time(beat.atMs()));
        o.set("heartbeat_metrics", beat == null ? Json.object() : tree(beat.metrics()));
        return o;
    }

    /** A free-form map as a JSON object; the common empty map without a round trip through Jackson. */
    private static JsonNode tree(Map<String, Object> map) {
        return map == null || map.isEmpty() ? Json.object() : Json.MAPPER.valueToTree(map);
    }

    public static ObjectNode pagination(Page<?> page) {
        ObjectNode p = Json.object();
        p.put("page", page.page());
        p.put("per_page", page.perPage());
        p.put("total", page.total());
        p.put("pages", page.pages());
        return p;
    }

    public static ObjectNode event(Event e) {
        ObjectNode o = Json.object();
        o.put("id", e.seq());
        o.put("type", e.type());
        o.put("reason", e.reason());
        o.put("message", e.message());
        o.put("source", e.source());
        o.put("node_id", e.nodeId());
        o.put("workspace_id", e.workspace());
        o.put("actor", e.actor());
        o.put("first_timestamp", Json.time(e.firstAtMs()));
        o.put("last_timestamp", Json.time(e.atMs()));
        o.put("count", e.count());
        return o;
    }

    /** A whole list as one page: {@code {"data": [view(item)…], "pagination": {page 1 of 1}}}. */
    public static <T> ObjectNode onePage(java.util.List<T> items, java.util.function.Function<T, ObjectNode> view) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        items.forEach(i -> data.add(view.apply(i)));
        body.putObject("pagination").put("page", 1).put("per_page", items.size()).put("total", items.size())
                .put("pages", items.isEmpty() ? 0 : 1);
        return body;
    }

    /** {@code {"data": value}}; a JSON tree is put in as it is (the caller must not change it afterwards). */
    public static ObjectNode data(Object value) {
        ObjectNode o = Json.object();
        o.set("data", value instanceof JsonNode tree ? tree : Json.MAPPER.valueToTree(value));
        return o;
    }
}
