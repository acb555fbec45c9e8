package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The audit and lifecycle events of a workspace ({@code /api/v1/workspaces/{ws}/events}), newest first. */
public final class EventsApi {
    private final Transport transport;

    EventsApi(Transport transport) {
        this.transport = transport;
    }

    /** Events matching {@code query}, newest first (each has {@code type}, {@code reason}, {@code message}, {@code node_id}, {@code actor}, …). */
    public List<JsonNode> list(String workspaceId, EventQuery query) {
        JsonNode body = transport.get("/api/v1/workspaces/" + Uris.encode(workspaceId) + "/events"
                + query.toQueryString());
        List<JsonNode> out = new ArrayList<>();
        body.path("data").forEach(out::add);
        return List.copyOf(out);
    }
}
