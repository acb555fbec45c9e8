package io.corral.example.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource's routes as of one map version: per shard its replicas (leader first) with role, state and
 * URL. Immutable.
 *
 * @param version    the resource map's version (sent with every write as the routing map version)
 * @param partitions the resource's partition count
 */
public record RouteTable(String resourceId, long version, int partitions, Map<Long, List<Replica>> shards) {

    /** One replica of a shard. */
    public record Replica(String nodeId, String url, boolean leader, String state) {
        /** Active and joining replicas must take a write before it is acknowledged. */
        public boolean required() {
            return state.equals("active") || state.equals("joining");
        }
    }

    public RouteTable {
        shards = Map.copyOf(shards);
    }

    /** The routes of {@code resourceId} in a workspace map ({@code data} of {@code GET …/shardmap}), or null. */
    public static RouteTable of(JsonNode workspaceMap, String resourceId) {
        for (JsonNode r : workspaceMap.path("resources")) {
            if (!resourceId.equals(r.path("resource_id").asText())) {
                continue;
            }
            Map<Long, List<Replica>> shards = new HashMap<>();
            for (JsonNode s : r.path("shards")) {
                List<Replica> replicas = new ArrayList<>();
                for (JsonNode rep : s.path("replicas")) {
                    if (rep.hasNonNull("node_id")) {
                        replicas.add(new Replica(rep.get("node_id").asText(), rep.path("url").asText(null),
                                "leader".equals(rep.path("role").asText()), rep.path("state").asText("active")));
                    }
                }
                shards.put(s.path("id").asLong(), List.copyOf(replicas));
            }
            return new RouteTable(resourceId, r.path("version").asLong(), r.path("partitions").asInt(), shards);
        }
        return null;
    }

    public List<Replica> replicas(long shard) {
        return shards.getOrDefault(shard, List.of());
    }

    /** The shard's leader, or null. */
    public Replica leader(long shard) {
        for (Replica r : replicas(shard)) {
            if (r.leader()) {
                return r;
            }
        }
        return null;
    }
}
