package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workspace's autoscale policy ({@code /api/v1/workspaces/{ws}/autoscale}). Reading needs a viewer key,
 * changing it an admin key. The policy comes back as the server sends it: {@code enabled}, {@code metric},
 * {@code high_water}, {@code low_water}, {@code min_nodes}, {@code max_nodes}, {@code interval},
 * {@code cooldown}, and a read-only {@code status} ({@code member_nodes}, {@code standby_nodes},
 * {@code last_action_at}, {@code cooldown_until}, {@code last_decision}).
 */
public final class AutoscaleApi {
    private final Transport transport;

    AutoscaleApi(Transport transport) {
        this.transport = transport;
    }

    /** The policy and its status. */
    public JsonNode get(String workspaceId) {
        return transport.get(path(workspaceId)).get("data");
    }

    /**
     * Changes the fields the update sets and returns the policy afterwards.
     *
     * @throws ApiException {@code VALIDATION_FAILED} naming the bad field, {@code FORBIDDEN} without an admin key
     */
    public JsonNode set(String workspaceId, AutoscaleUpdate update) {
        return transport.put(path(workspaceId), update.toJson()).get("data");
    }

    private static String path(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId) + "/autoscale";
    }
}
