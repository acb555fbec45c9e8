package io.corral.server.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Event;
import io.corral.server.domain.WebhookDelivery;
import java.time.Instant;

/**
 * The body of a delivery, the same for every attempt: {@code {"id": "<delivery id>", "type": "<event reason>",
 * "webhook_id", "workspace_id", "created_at", "data": {the event as the events API shows it}}}.
 */
public final class WebhookPayload {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookPayload() {
    }

    public static byte[] body(WebhookDelivery d) {
        Event e = d.event();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", Long.toString(d.id()));
        o.put("type", e.reason());
        o.put("webhook_id", d.webhookId());
        o.put("workspace_id", d.workspace());
        o.put("created_at", Instant.ofEpochMilli(d.createdAtMs()).toString());
        ObjectNode data = o.putObject("data");
        data.put("id", e.seq());
        data.put("type", e.type());
        data.put("reason", e.reason());
        data.put("message", e.message());
        data.put("source", e.source());
        data.put("node_id", e.nodeId());
        data.put("workspace_id", e.workspace());
        data.put("actor", e.actor());
        data.put("first_timestamp", Instant.ofEpochMilli(e.firstAtMs()).toString());
        data.put("last_timestamp", Instant.ofEpochMilli(e.atMs()).toString());
        data.put("count", e.count());
        try {
            return MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
