package io.corral.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The body of a node registration, built fluently. Only the fields set here are sent; the server
 * chooses the rest (an id {@code node-<seq>} when none is given, the name from the id, status
 * {@code active}, monitored). {@link #upsert(boolean) upsert} re-registers an existing node of the same
 * workspace instead of failing with {@code NODE_ALREADY_EXISTS}. Not thread-safe: build it, send it, drop it.
 */
public final class NodeRegistration {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    /** A registration letting the server pick the id. */
    public NodeRegistration() {
    }

    /** A registration with this id (1–128 of {@code A-Z a-z 0-9 . _ : -}, or a u64 number). */
    public NodeRegistration(String id) {
        if (id != null) {
            body.put("id", id);
        }
    }

    public NodeRegistration name(String name) {
        return put("name", name);
    }

    public NodeRegistration role(String role) {
        return put("role", role);
    }

    /** The node's primary URL, e.g. {@code http://10.0.0.7:8080}. */
    public NodeRegistration url(String url) {
        return put("url", url);
    }

    public NodeRegistration rpcAddress(String rpcAddress) {
        return put("rpc_address", rpcAddress);
    }

    public NodeRegistration httpAddress(String httpAddress) {
        return put("http_address", httpAddress);
    }

    public NodeRegistration labels(Map<String, String> labels) {
        Bodies.putMap(body, "labels", labels);
        return this;
    }

    public NodeRegistration taints(List<Taint> taints) {
        Bodies.putTaints(body, taints);
        return this;
    }

    public NodeRegistration zone(String zone) {
        return put("zone", zone);
    }

    public NodeRegistration region(String region) {
        return put("region", region);
    }

    /** Relative capacity, greater than 0 (default 1.0). */
    public NodeRegistration capacityWeight(double capacityWeight) {
        body.put("capacity_weight", capacityWeight);
        return this;
    }

    /** The initial lifecycle status, e.g. {@code joining}; the server's default is {@code active}. */
    public NodeRegistration status(String status) {
        return put("status", status);
    }

    /** Free-form JSON-serialisable metadata. */
    public NodeRegistration metadata(Map<String, ?> metadata) {
        Bodies.putMap(body, "metadata", metadata);
        return this;
    }

    public NodeRegistration planId(String planId) {
        return put("plan_id", planId);
    }

    public NodeRegistration provider(String provider) {
        return put("provider", provider);
    }

    /** The id of the node this one replicates. */
    public NodeRegistration replicaOf(String replicaOf) {
        return put("replica_of", replicaOf);
    }

    /** Whether silence makes the node {@code inactive} (default true). */
    public NodeRegistration monitored(boolean monitored) {
        body.put("monitored", monitored);
        return this;
    }

    public NodeRegistration upsert(boolean upsert) {
        body.put("upsert", upsert);
        return this;
    }

    /** A copy of the JSON body as it will be sent. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }

    private NodeRegistration put(String field, String value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }
}
