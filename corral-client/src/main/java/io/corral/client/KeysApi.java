package io.corral.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * API keys ({@code /api/v1/keys}); every call needs an admin key. The server stores only a hash of each
 * token, so a key's token is available once, in the {@link Issued} that {@link #create} returns.
 */
public final class KeysApi {
    private final Transport transport;

    KeysApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a key with {@code role} {@code viewer}, {@code operator} or {@code admin}, scoped to
     * {@code workspaces} ({@code ["*"]} for all; null or empty lets the server choose its default).
     */
    public Issued create(String name, String role, List<String> workspaces) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("name", name).put("role", role);
        if (workspaces != null && !workspaces.isEmpty()) {
            ArrayNode ws = body.putArray("workspaces");
            workspaces.forEach(ws::add);
        }
        return Issued.from(transport.post("/api/v1/keys", body));
    }

    /** Every key, without tokens. */
    public Page list() {
        return Page.from(transport.get("/api/v1/keys"));
    }

    /** Revokes a key at once; its token stops working. */
    public void revoke(String keyId) {
        transport.delete("/api/v1/keys/" + Uris.encode(keyId));
    }
}
