package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.config.Durations;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.MapChange;
import io.corral.server.domain.Node;
import io.corral.server.domain.Replica;
import io.corral.server.domain.Resource;
import io.corral.server.domain.ResourceMap;
import io.corral.server.domain.Shard;
import io.corral.server.http.Json;
import io.corral.server.policies.placement.Toleration;
import java.util.Locale;

/** The native API's JSON for resources, shard maps and map changes. */
public final class MapViews {
    private MapViews() {
    }

    public static ObjectNode resource(Resource r) {
        ObjectNode o = Json.object();
        o.put("id", r.id());
        o.put("workspace_id", r.workspace());
        o.put("kind", r.kind());
        o.put("routing", r.routing().name().toLowerCase(Locale.ROOT));
        o.set("shard_keys", Json.MAPPER.valueToTree(r.shardKeys()));
        o.put("partitions", r.partitions());
        o.put("replication_factor", r.replicationFactor());
        o.put("time_slice", r.timeSliceMs() == null ? null : Durations.format(r.timeSliceMs()));
        o.set("node_selector", Json.MAPPER.valueToTree(r.nodeSelector()));
        ArrayNode tol = o.putArray("tolerations");
        for (Toleration t : r.tolerations()) {
            tol.addObject().put("key", t.key()).put("operator", t.operator()).put("value", t.value())
                    .put("effect", t.effect());
        }
        o.put("spread_zones", r.spreadZones());
        o.put("min_active_replicas", r.minActiveReplicas());
        o.put("data_movement", r.dataMovement().name().toLowerCase(Locale.ROOT));
        o.put("created_at", Json.time(r.createdAtMs()));
        o.put("updated_at", Json.time(r.updatedAtMs()));
        return o;
    }

    public static ObjectNode shard(ClusterImage img, Shard s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("state", s.state().name().toLowerCase(Locale.ROOT));
        ArrayNode replicas = o.putArray("replicas");
        for (Replica r : s.replicas()) {
            ObjectNode rep = replicas.addObject();
            rep.put("node_id", r.nodeId());
            rep.put("role", r.role().name().toLowerCase(Locale.ROOT));
            rep.put("state", r.state().name().toLowerCase(Locale.ROOT));
            Node n = r.nodeId() == null ? null : img.nodes().get(r.nodeId());
            rep.put("url", r.url() != null ? r.url() : n == null ? null : n.addresses().url());
            rep.put("rpc_address", n == null ? null : n.addresses().rpcAddress());
            rep.put("http_address", n == null ? null : n.addresses().httpAddress());
            rep.put("zone", n == null ? null : n.zone());
            rep.put("node_status", n == null ? null : n.status().wire());
        }
        return o;
    }

    public static ObjectNode resourceMap(ClusterImage img, Resource r) {
        ResourceMap map = img.map(r.workspace(), r.id());
        ObjectNode o = Json.object();
        o.put("resource_id", r.id());
        o.put("workspace_id", r.workspace());
        o.put("version", map.version());
        o.put("routing", r.routing().name().toLowerCase(Locale.ROOT));
        o.put("partitions", r.partitions());
        o.put("replication_factor", r.replicationFactor());
        o.set("shard_keys", Json.MAPPER.valueToTree(r.shardKeys()));
        ArrayNode shards = o.putArray("shards");
        for (Shard s : map.shards().values()) {
            shards.add(shard(img, s));
        }
        return o;
    }

    public static ObjectNode workspaceMap(ClusterImage img, String ws) {
        ObjectNode o = Json.object();
        o.put("workspace_id", ws);
        o.put("version", img.workspaceMapVersion(ws));
        ObjectNode maintenance = o.putObject("maintenance");
        maintenance.put("enabled", img.maintenance() != null);
        ArrayNode resources = o.putArray("resources");
        for (Resource r : img.resourcesIn(ws)) {
            resources.add(resourceMap(img, r));
        }
        return o;
    }

    /** A map change as streamed: what changed, with the changed shards as they are in {@code img}. */
    public static ObjectNode change(ClusterImage img, MapChange c) {
        ObjectNode o = Json.object();
        o.put("version", c.version());
        o.put("workspace_id", c.workspace());
        o.put("resource_id", c.resourceId());
        o.put("reason", c.reason());
        o.put("at", Json.time(c.atMs()));
        o.put("resource_deleted", c.resourceDeleted());
        o.set("changed_shards", Json.MAPPER.valueToTree(c.changedShards()));
        o.set("removed_shards", Json.MAPPER.valueToTree(c.removedShards()));
        ArrayNode shards = o.putArray("shards");
        ResourceMap map = img.map(c.workspace(), c.resourceId());
        for (Long id : c.changedShards()) {
            Shard s = map.shards().get(id);
            if (s != null) {
                shards.add(shard(img, s));
            }
        }
        return o;
    }
}
