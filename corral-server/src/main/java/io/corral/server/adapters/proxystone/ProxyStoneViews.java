package io.corral.server.adapters.proxystone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Node;
import io.corral.server.health.HeartbeatTracker;
import io.corral.server.http.Json;

/** Seed 001's node JSON: {@code id, url, clusterId, status, role, lastSeen, createdAt}. */
final class ProxyStoneViews {
    static final String DEFAULT_CLUSTER_ID = "default-cluster";

    private ProxyStoneViews() {
    }

    static String clusterId(Node n) {
        Object v = n.metadata().get("clusterId");
        return v instanceof String s ? s : DEFAULT_CLUSTER_ID;
    }

    /** When the node was last heard from: its last heartbeat, else its last status change. */
    static long lastSeenMs(Node n, HeartbeatTracker.Beat beat) {
        return beat != null ? beat.atMs() : n.statusChangedAtMs();
    }

    static ObjectNode node(Node n, HeartbeatTracker.Beat beat) {
        ObjectNode o = Json.object();
        o.put("id", n.id());
        o.put("url", n.addresses().url());
        o.put("clusterId", clusterId(n));
        o.put("status", n.status().wire());
        o.put("role", n.role());
        o.put("lastSeen", Json.time(lastSeenMs(n, beat)));
        o.put("createdAt", Json.time(n.createdAtMs()));
        return o;
    }
}
