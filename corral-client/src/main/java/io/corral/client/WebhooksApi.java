package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A workspace's webhook subscriptions ({@code /api/v1/workspaces/{ws}/webhooks}): the coordinator POSTs
 * each matching event to the subscription's URL, signed with HMAC-SHA256 in {@code X-Corral-Signature},
 * at least once. Managing webhooks needs an operator key. A webhook is {@code id}, {@code url},
 * {@code events} (event reasons, {@code node.*} or {@code *}) and {@code created_at}; its secret is
 * returned only by {@link #create}.
 */
public final class WebhooksApi {
    private final Transport transport;

    WebhooksApi(Transport transport) {
        this.transport = transport;
    }

    /**
     * Subscribes {@code url} to {@code events} and returns the webhook with its signing {@code secret}, which
     * is shown only this once.
     *
     * @param secret 16–256 characters, or null for one the coordinator generates
     */
    public JsonNode create(String workspaceId, String url, List<String> events, String secret) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("url", url);
        events.forEach(body.putArray("events")::add);
        if (secret != null) {
            body.put("secret", secret);
        }
        return transport.post(base(workspaceId), body).get("data");
    }

    /** Every webhook of the workspace, without secrets. */
    public List<JsonNode> list(String workspaceId) {
        return items(transport.get(base(workspaceId)));
    }

    /** @throws ApiException {@code WEBHOOK_NOT_FOUND} when there is no such webhook in the workspace */
    public JsonNode get(String workspaceId, String webhookId) {
        return transport.get(webhook(workspaceId, webhookId)).get("data");
    }

    /** Deletes the subscription; deliveries still pending for it are dropped. */
    public void delete(String workspaceId, String webhookId) {
        transport.delete(webhook(workspaceId, webhookId));
    }

    /**
     * The webhook's delivery log, newest first: {@code id}, {@code event_type}, {@code status},
     * {@code attempts}, {@code last_status_code}, {@code last_error}, {@code next_attempt_at}.
     *
     * @param limit at most this many, or null for the server's default
     */
    public List<JsonNode> deliveries(String workspaceId, String webhookId, Integer limit) {
        return items(transport.get(webhook(workspaceId, webhookId) + "/deliveries"
                + Uris.query(Collections.singletonMap("limit", limit == null ? null : limit.toString()))));
    }

    private static List<JsonNode> items(JsonNode body) {
        List<JsonNode> out = new ArrayList<>();
        body.path("data").forEach(out::add);
        return List.copyOf(out);
    }

    private static String base(String workspaceId) {
        return "/api/v1/workspaces/" + Uris.encode(workspaceId) + "/webhooks";
    }

    private static String webhook(String workspaceId, String webhookId) {
        return base(workspaceId) + "/" + Uris.encode(webhookId);
    }
}
