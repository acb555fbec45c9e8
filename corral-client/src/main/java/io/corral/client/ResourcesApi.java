package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sharded resources of a workspace ({@code /api/v1/workspaces/{ws}/resources}): a table, collection or
 * keyspace whose partitions Corral places on nodes. Reading needs a viewer key, changing an operator key.
 * Resources come back as the server sends them ({@code id}, {@code kind}, {@code routing},
 * {@code shard_keys}, {@code partitions}, {@code replication_factor}, {@code time_slice},
 * {@code node_selector}, {@code tolerations}, {@code spread_zones}, {@code min_active_replicas}, …).
 */
public final class ResourcesApi {
    private final Transport transport;

    ResourcesApi(Transport transport) {
        this.transport = transport;
    }

    /** Every resource of the workspace (one page). */
    public Page list(String workspaceId) {
        return Page.from(transport.get(base(workspaceId)));
    }

    /** @throws ApiException {@code RESOURCE_NOT_FOUND} when there is no such resource in the workspace */
    public JsonNode get(String workspaceId, String resourceId) {
        return transport.get(resource(workspaceId, resourceId)).get("data");
    }

    /**
     * Creates a resource, which the coordinator places at once on the workspace's active nodes.
     *
     * @throws ApiException {@code RESOURCE_ALREADY_EXISTS} for a taken id, {@code VALIDATION_FAILED} for bad fields
     */
    public JsonNode create(String workspaceId, ResourceDefinition definition) {
        return transport.post(base(workspaceId), definition.toJson()).get("data");
    }

    /** Applies a partial update (the map follows, e.g. with more partitions) and returns the resource. */
    public JsonNode update(String workspaceId, String resourceId, ResourceUpdate update) {
        return transport.patch(resource(workspaceId, resourceId), update.toJson()).get("data");
    }

    /** Deletes the resource and its map. */
    public void delete(String workspaceId, String resourceId) {
        transport.delete(resource(workspaceId, resourceId));
    }

    /**
     * The resource's map: {@code resource_id}, {@code version}, {@code routing}, {@code partitions},
     * {@code replication_factor}, {@code shard_keys} and {@code shards}, each with its {@code replicas}
     * ({@code node_id}, {@code role} leader or follower, {@code state}, {@code url}, {@code zone}, …).
     */
    public JsonNode map(String workspaceId, String resourceId) {
        return transport.get(resource(workspaceId, resourceId) + "/map").get("data");
    }

    private static String base(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId) + "/resources";
    }

    private static String resource(String workspaceId, String resourceId) {
        return base(workspaceId) + "/" + Uris.encode(resourceId);
    }
}
