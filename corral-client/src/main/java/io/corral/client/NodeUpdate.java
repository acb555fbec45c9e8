package io.corral.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A partial update (PATCH) of a node's descriptive attributes, built fluently. Fields not set are left
 * unchanged; an empty map or list clears that attribute. The three addresses travel together: setting
 * any of them replaces all three, so set every address the node should keep. Not thread-safe.
 */
public final class NodeUpdate {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    public NodeUpdate name(String name) {
        body.put("name", name);
        return this;
    }

    /** Replaces all labels. */
    public NodeUpdate labels(Map<String, String> labels) {
        Bodies.putMap(body, "labels", labels);
        return this;
    }

    /** Replaces all taints. */
    public NodeUpdate taints(List<Taint> taints) {
        Bodies.putTaints(body, taints);
        return this;
    }

    /** Replaces the metadata. */
    public NodeUpdate metadata(Map<String, ?> metadata) {
        Bodies.putMap(body, "metadata", metadata);
        return this;
    }

    public NodeUpdate zone(String zone) {
        body.put("zone", zone);
        return this;
    }

    public NodeUpdate region(String region) {
        body.put("region", region);
        return this;
    }

    public NodeUpdate url(String url) {
        body.put("url", url);
        return this;
    }

    public NodeUpdate rpcAddress(String rpcAddress) {
        body.put("rpc_address", rpcAddress);
        return this;
    }

    public NodeUpdate httpAddress(String httpAddress) {
        body.put("http_address", httpAddress);
        return this;
    }

    public NodeUpdate capacityWeight(double capacityWeight) {
        body.put("capacity_weight", capacityWeight);
        return this;
    }

    /** A copy of the JSON body as it will be sent. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }
}
