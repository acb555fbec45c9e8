package io.corral.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partial update of a workspace's autoscale policy (PUT): only the fields set here change. Not
 * thread-safe: build it, send it, drop it.
 */
public final class AutoscaleUpdate {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    public AutoscaleUpdate enabled(boolean enabled) {
        body.put("enabled", enabled);
        return this;
    }

    /** The heartbeat metric to read, e.g. {@code keys}, {@code points}, {@code cpu_percent}. */
    public AutoscaleUpdate metric(String metric) {
        body.put("metric", metric);
        return this;
    }

    /** Scale out above this value; 0 never scales out. */
    public AutoscaleUpdate highWater(double highWater) {
        body.put("high_water", highWater);
        return this;
    }

    /** Scale in below this value; 0 never scales in. */
    public AutoscaleUpdate lowWater(double lowWater) {
        body.put("low_water", lowWater);
        return this;
    }

    public AutoscaleUpdate minNodes(int minNodes) {
        body.put("min_nodes", minNodes);
        return this;
    }

    /** The most member nodes scale-out grows to; 0 for no cap. */
    public AutoscaleUpdate maxNodes(int maxNodes) {
        body.put("max_nodes", maxNodes);
        return this;
    }

    /** How often the policy is evaluated, a duration such as {@code 30s}. */
    public AutoscaleUpdate interval(String interval) {
        body.put("interval", interval);
        return this;
    }

    /** The least time between two scale actions, a duration such as {@code 5m}. */
    public AutoscaleUpdate cooldown(String cooldown) {
        body.put("cooldown", cooldown);
        return this;
    }

    /** Whether nothing is set, so sending it would change nothing. */
    public boolean isEmpty() {
        return body.isEmpty();
    }

    /** A copy of the JSON body as it will be sent. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }
}
