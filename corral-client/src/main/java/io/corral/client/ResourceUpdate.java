package io.corral.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A partial update of a resource (PATCH): only the fields set here change. Lists and maps replace the
 * current value whole, so an empty one clears it. A resource's id, kind and routing cannot change. Not
 * thread-safe: build it, send it, drop it.
 */
public final class ResourceUpdate {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    public ResourceUpdate shardKeys(List<String> shardKeys) {
        Bodies.putStrings(body, "shard_keys", shardKeys);
        return this;
    }

    public ResourceUpdate partitions(int partitions) {
        body.put("partitions", partitions);
        return this;
    }

    public ResourceUpdate replicationFactor(int replicationFactor) {
        body.put("replication_factor", replicationFactor);
        return this;
    }

    /** A duration such as {@code 24h}. */
    public ResourceUpdate timeSlice(String timeSlice) {
        body.put("time_slice", timeSlice);
        return this;
    }

    /** Removes the time slice (sends {@code "time_slice": null}). */
    public ResourceUpdate clearTimeSlice() {
        body.putNull("time_slice");
        return this;
    }

    public ResourceUpdate nodeSelector(Map<String, String> nodeSelector) {
        Bodies.putMap(body, "node_selector", nodeSelector);
        return this;
    }

    public ResourceUpdate tolerations(List<Toleration> tolerations) {
        Bodies.putTolerations(body, tolerations);
        return this;
    }

    public ResourceUpdate spreadZones(boolean spreadZones) {
        body.put("spread_zones", spreadZones);
        return this;
    }

    public ResourceUpdate minActiveReplicas(int minActiveReplicas) {
        body.put("min_active_replicas", minActiveReplicas);
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
