package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Workspaces, the tenancy boundary ({@code /api/v1/workspaces}); {@code default} always exists. Reading
 * needs a viewer key, creating and deleting an admin key. Each method is one request; see {@link CorralClient}
 * for the exceptions.
 */
public final class WorkspacesApi {
    private final Transport transport;

    WorkspacesApi(Transport transport) {
        this.transport = transport;
    }

    /** Every workspace the token may see. */
    public Page list() {
        return Page.from(transport.get("/api/v1/workspaces"));
    }

    public JsonNode get(String workspaceId) {
        return transport.get(path(workspaceId)).get("data");
    }

    /**
     * Creates a workspace; {@code name}, {@code region} and {@code labels} may be null.
     *
     * @throws ApiException {@code WORKSPACE_ALREADY_EXISTS} when the id is taken
     */
    public JsonNode create(String workspaceId, String name, String region, Map<String, String> labels) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("id", workspaceId);
        if (name != null) {
            body.put("name", name);
        }
        if (region != null) {
            body.put("region", region);
        }
        if (labels != null) {
            Bodies.putMap(body, "labels", labels);
        }
        return transport.post("/api/v1/workspaces", body).get("data");
    }

    /** @throws ApiException {@code WORKSPACE_NOT_EMPTY} while it still holds nodes */
    public void delete(String workspaceId) {
        transport.delete(path(workspaceId));
    }

    private static String path(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId);
    }
}
