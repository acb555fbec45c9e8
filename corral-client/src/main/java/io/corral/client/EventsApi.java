package io.corral.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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

    /**
     * Follows the workspace's events as they happen (Server-Sent Events), filtered by {@code query}'s
     * {@code type}, {@code source} and {@code nodeId} ({@code since} and {@code limit} do not apply to a
     * stream). Blocks on this thread, handing each event to {@code listener} until it returns false or the
     * server ends the stream. Without {@code lastEventId} the stream starts with the next event; with the id
     * of an event already seen it resumes after it. A repeat that aggregated into an earlier event arrives
     * again with a new id and its new {@code count}.
     *
     * @return the id of the last event received, or {@code lastEventId} when none came
     */
    public String stream(String workspaceId, EventQuery query, String lastEventId, Predicate<JsonNode> listener) {
        EventQuery filters = new EventQuery(query.type(), query.source(), query.nodeId(), null, null);
        return transport.stream("/api/v1/workspaces/" + Uris.encode(workspaceId) + "/events/stream"
                + filters.toQueryString(), lastEventId, e -> listener.test(eventData(e)));
    }

    private static JsonNode eventData(ServerSentEvent e) {
        try {
            return Json.MAPPER.readTree(e.data());
        } catch (JsonProcessingException notJson) {
            throw new CorralClientException("the event stream sent event " + e.id() + " whose data is not JSON",
                    notJson);
        }
    }
}
