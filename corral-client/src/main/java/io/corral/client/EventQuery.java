package io.corral.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Filters for listing events (newest first); null means "not filtered" or "the server's default".
 * {@code type} is the event's severity, {@code Normal} or {@code Warning} (what happened is each event's
 * {@code reason}, such as {@code node.registered}); {@code since} is a duration back from now such as {@code 30s} or {@code 1h}; {@code limit} is 1–1000
 * (server default 100). Immutable: each {@code with…} returns a copy.
 */
public record EventQuery(String type, String source, String nodeId, String since, Integer limit) {
    public static EventQuery all() {
        return new EventQuery(null, null, null, null, null);
    }

    public EventQuery withType(String type) {
        return new EventQuery(type, source, nodeId, since, limit);
    }

    public EventQuery withSource(String source) {
        return new EventQuery(type, source, nodeId, since, limit);
    }

    public EventQuery withNodeId(String nodeId) {
        return new EventQuery(type, source, nodeId, since, limit);
    }

    public EventQuery withSince(String since) {
        return new EventQuery(type, source, nodeId, since, limit);
    }

    public EventQuery withLimit(Integer limit) {
        return new EventQuery(type, source, nodeId, since, limit);
    }

    String toQueryString() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("source", source);
        p.put("node_id", nodeId);
        p.put("since", since);
        p.put("limit", limit == null ? null : limit.toString());
        return Uris.query(p);
    }
}
