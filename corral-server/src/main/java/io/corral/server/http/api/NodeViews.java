package io.corral.server.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Event;
import io.corral.server.domain.Node;
import io.corral.server.domain.Taint;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.Json;
import io.corral.server.http.JsonOut;
import io.corral.server.service.Page;
import java.io.IOException;
import java.util.Map;

/** The native API's JSON for nodes, pages and events (snake_case, RFC 3339 times). */
public final class NodeViews {
    private NodeViews() {
    }

    /**
     * Writes the fields of a node's view (the object of {@code GET …/nodes/{id}}'s {@code data}), in their
     * documented order, into the object the caller has started; the caller may add fields (a registration's
     * token) before it ends the object. Written straight to the generator: no tree in between.
     */
    public static void writeNodeFields(JsonGenerator g, Node n, HeartbeatTracker.Beat beat) throws IOException {
        g.writeStringField("id", n.id());
        g.writeNumberField("seq", n.seq());
        g.writeStringField("name", n.name());
        g.writeStringField("workspace_id", n.workspace());
        g.writeStringField("role", n.role());
        g.writeStringField("status", n.status().wire());
        g.writeStringField("status_reason", n.statusReason());
        g.writeBooleanField("serving", n.status().serving());
        g.writeObjectFieldStart("addresses");
        g.writeStringField("url", n.addresses().url());
        g.writeStringField("rpc_address", n.addresses().rpcAddress());
        g.writeStringField("http_address", n.addresses().httpAddress());
        g.writeEndObject();
        if (n.labels() == null) {
            g.writeNullField("labels");
        } else {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : n.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("taints");
        for (Taint t : n.taints()) {
            g.writeStartObject();
            g.writeStringField("key", t.key());
            g.writeStringField("value", t.value());
            g.writeStringField("effect", t.effect());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("zone", n.zone());
        g.writeStringField("region", n.region());
        g.writeNumberField("capacity_weight", n.capacityWeight());
        writeMap(g, "metadata", n.metadata());
        g.writeStringField("plan_id", n.planId());
        g.writeStringField("provider", n.provider());
        g.writeStringField("replica_of", n.replicaOf());
        g.writeBooleanField("monitored", n.monitored());
        g.writeStringField("created_at", Json.time(n.createdAtMs()));
        g.writeStringField("updated_at", Json.time(n.updatedAtMs()));
        g.writeStringField("status_changed_at", Json.time(n.statusChangedAtMs()));
        g.writeStringField("last_heartbeat", beat == null ? null : Json.time(beat.atMs()));
        writeMap(g, "heartbeat_metrics", beat == null ? null : beat.metrics());
    }

    /** {@code {"data": <node view>}}. */
    public static byte[] nodeData(Node n, HeartbeatTracker.Beat beat) {
        return registrationData(n, beat, null);
    }

    /** {@code {"data": <node view> + "token"}}: a registration's answer; without the token when it is null. */
    public static byte[] registrationData(Node n, HeartbeatTracker.Beat beat, String token) {
        return JsonOut.bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("data");
            writeNodeFields(g, n, beat);
            if (token != null) {
                g.writeStringField("token", token);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** A free-form map as a JSON object field ({@code {}} for none), as {@link Json#MAPPER} writes it. */
    private static void writeMap(JsonGenerator g, String field, Map<String, Object> map) throws IOException {
        g.writeFieldName(field);
        if (map == null || map.isEmpty()) {
            g.writeStartObject();
            g.writeEndObject();
        } else {
            g.writeObject(map);
        }
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
