package io.corral.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The body that creates a sharded resource, built fluently. Only the fields set here are sent; the
 * server's defaults are kind {@code table}, routing {@code partitioned}, 1 partition, replication factor
 * 1, no shard keys, spread over zones, no minimum of active replicas. Not thread-safe: build it, send it,
 * drop it.
 */
public final class ResourceDefinition {
    private final ObjectNode body = Json.MAPPER.createObjectNode();

    /** A resource with this id, e.g. {@code mydb.cpu}. */
    public ResourceDefinition(String id) {
        body.put("id", id);
    }

    /** What the resource is for the data nodes, e.g. {@code table} or {@code collection}. */
    public ResourceDefinition kind(String kind) {
        return put("kind", kind);
    }

    /** {@code partitioned} (hash partitions placed by Corral) or {@code rendezvous} (explicit shards). */
    public ResourceDefinition routing(String routing) {
        return put("routing", routing);
    }

    /** The columns or fields whose values choose a key's partition. */
    public ResourceDefinition shardKeys(List<String> shardKeys) {
        Bodies.putStrings(body, "shard_keys", shardKeys);
        return this;
    }

    public ResourceDefinition partitions(int partitions) {
        body.put("partitions", partitions);
        return this;
    }

    /** Replicas per partition, leader included. */
    public ResourceDefinition replicationFactor(int replicationFactor) {
        body.put("replication_factor", replicationFactor);
        return this;
    }

    /** A duration such as {@code 24h} by which the data nodes cut the resource's data into slices. */
    public ResourceDefinition timeSlice(String timeSlice) {
        return put("time_slice", timeSlice);
    }

    /** Node labels that every node holding a replica must carry. */
    public ResourceDefinition nodeSelector(Map<String, String> nodeSelector) {
        Bodies.putMap(body, "node_selector", nodeSelector);
        return this;
    }

    public ResourceDefinition tolerations(List<Toleration> tolerations) {
        Bodies.putTolerations(body, tolerations);
        return this;
    }

    /** Whether a partition's replicas go to distinct zones when enough zones exist (default true). */
    public ResourceDefinition spreadZones(boolean spreadZones) {
        body.put("spread_zones", spreadZones);
        return this;
    }

    /** Below this many active replicas a partition is re-placed at once (default 0: never early). */
    public ResourceDefinition minActiveReplicas(int minActiveReplicas) {
        body.put("min_active_replicas", minActiveReplicas);
        return this;
    }

    /** A copy of the JSON body as it will be sent. */
    public ObjectNode toJson() {
        return body.deepCopy();
    }

    private ResourceDefinition put(String field, String value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return this;
    }
}
