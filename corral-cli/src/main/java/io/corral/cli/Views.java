package io.corral.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How nodes, keys, workspaces and callers look in table format, read from the API's JSON fields. */
final class Views {
    private Views() {
    }

    static String nodes(List<JsonNode> nodes) {
        Table t = new Table("ID", "NAME", "ROLE", "STATUS", "ZONE", "URL", "LAST HEARTBEAT");
        for (JsonNode n : nodes) {
            t.row(text(n, "id"), text(n, "name"), text(n, "role"), text(n, "status"), text(n, "zone"),
                    text(n.path("addresses"), "url"), text(n, "last_heartbeat"));
        }
        return t.render();
    }

    static String node(JsonNode n) {
        JsonNode addresses = n.path("addresses");
        return new Details()
                .add("id", text(n, "id"))
                .add("seq", text(n, "seq"))
                .add("name", text(n, "name"))
                .add("workspace_id", text(n, "workspace_id"))
                .add("role", text(n, "role"))
                .add("status", text(n, "status"))
                .add("status_reason", text(n, "status_reason"))
                .add("serving", text(n, "serving"))
                .add("url", text(addresses, "url"))
                .add("rpc_address", text(addresses, "rpc_address"))
                .add("http_address", text(addresses, "http_address"))
                .add("labels", pairs(n.path("labels")))
                .add("taints", taints(n.path("taints")))
                .add("zone", text(n, "zone"))
                .add("region", text(n, "region"))
                .add("capacity_weight", text(n, "capacity_weight"))
                .add("plan_id", text(n, "plan_id"))
                .add("provider", text(n, "provider"))
                .add("replica_of", text(n, "replica_of"))
                .add("monitored", text(n, "monitored"))
                .add("created_at", text(n, "created_at"))
                .add("updated_at", text(n, "updated_at"))
                .add("status_changed_at", text(n, "status_changed_at"))
                .add("last_heartbeat", text(n, "last_heartbeat"))
                .add("heartbeat_metrics", compact(n.path("heartbeat_metrics")))
                .add("metadata", compact(n.path("metadata")))
                .render();
    }

    static String keys(List<JsonNode> keys) {
        Table t = new Table("ID", "NAME", "ROLE", "WORKSPACES", "CREATED", "CREATED BY");
        for (JsonNode k : keys) {
            t.row(text(k, "id"), text(k, "name"), text(k, "role"), list(k.path("workspaces")),
                    text(k, "created_at"), text(k, "created_by"));
        }
        return t.render();
    }

    static String workspaces(List<JsonNode> workspaces) {
        Table t = new Table("ID", "NAME", "REGION", "LABELS", "CREATED");
        for (JsonNode w : workspaces) {
            t.row(text(w, "id"), text(w, "name"), text(w, "region"), pairs(w.path("labels")), text(w, "created_at"));
        }
        return t.render();
    }

    static String caller(JsonNode p) {
        return new Details()
                .add("kind", text(p, "kind"))
                .add("id", text(p, "id"))
                .add("actor", text(p, "actor"))
                .add("role", text(p, "role"))
                .add("workspaces", list(p.path("workspaces")))
                .render();
    }

    /** A scalar field as text; null for a missing or JSON-null field. */
    static String text(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }

    /** {@code k=v,k2=v2} from an object of strings. */
    static String pairs(JsonNode object) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            out.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join(",", out);
    }

    /** {@code a,b,c} from an array of scalars. */
    static String list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return String.join(",", out);
    }

    private static String taints(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : array) {
            String value = text(t, "value");
            out.add(text(t, "key") + (value == null ? "" : "=" + value) + ":" + text(t, "effect"));
        }
        return String.join(",", out);
    }

    private static String compact(JsonNode v) {
        return v.isMissingNode() || v.isNull() || v.isContainerNode() && v.isEmpty() ? null : v.toString();
    }
}
