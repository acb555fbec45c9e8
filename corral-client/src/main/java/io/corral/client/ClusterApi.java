package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Cluster-wide settings ({@code /api/v1/cluster}): maintenance mode, which freezes the re-placement of
 * replicas (leaders still fail over). Reading needs a viewer key, switching an admin key.
 */
public final class ClusterApi {
    private static final String MAINTENANCE = "/api/v1/cluster/maintenance";
    private final Transport transport;

    ClusterApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code enabled}, and while enabled the {@code reason}, {@code by} (who) and {@code since} (when). */
    public JsonNode maintenance() {
        return transport.get(MAINTENANCE).get("data");
    }

    /**
     * Enters maintenance mode ({@code reason} required, 1–500 characters) or leaves it ({@code reason}
     * ignored); returns the mode afterwards.
     */
    public JsonNode setMaintenance(boolean enabled, String reason) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("enabled", enabled);
        if (reason != null) {
            body.put("reason", reason);
        }
        return transport.put(MAINTENANCE, body).get("data");
    }
}
