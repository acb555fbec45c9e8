package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Webhook;
import io.corral.server.domain.WebhookDelivery;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.WebhookService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Webhook subscriptions: {@code POST / GET /api/v1/workspaces/{ws}/webhooks} ({@code {"url", "events": [...],
 * "secret"}}; the secret is in the creation reply only), {@code GET / DELETE …/webhooks/{id}},
 * {@code GET …/webhooks/{id}/deliveries?limit=} (status, attempts, last status code and error).
 */
public final class WebhooksEndpoint {
    private static final String BASE = "/api/v1/workspaces/:ws/webhooks";
    private final WebhookService webhooks;

    public WebhooksEndpoint(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    public void addRoutes(Router router) {
        router.post(BASE).handler(this::create);
        router.get(BASE).handler(this::list);
        router.get(BASE + "/:id").handler(this::get);
        router.delete(BASE + "/:id").handler(this::delete);
        router.get(BASE + "/:id/deliveries").handler(this::deliveries);
    }

    static ObjectNode view(Webhook w) {
        ObjectNode o = Json.object();
        o.put("id", w.id());
        o.put("workspace_id", w.workspace());
        o.put("url", w.url());
        o.set("events", Json.MAPPER.valueToTree(w.eventTypes()));
        o.put("created_at", Json.time(w.createdAtMs()));
        o.put("created_by", w.createdBy());
        return o;
    }

    static ObjectNode view(WebhookDelivery d) {
        ObjectNode o = Json.object();
        o.put("id", Long.toString(d.id()));
        o.put("webhook_id", d.webhookId());
        o.put("event_type", d.event().reason());
        o.put("event_id", d.event().seq());
        o.put("status", d.status());
        o.put("attempts", d.attempts());
        if (d.lastStatusCode() > 0) {
            o.put("last_status_code", d.lastStatusCode());
        } else {
            o.putNull("last_status_code");
        }
        o.put("last_error", d.lastError());
        o.put("last_attempt_at", Json.time(d.lastAttemptAtMs()));
        o.put("next_attempt_at", WebhookDelivery.PENDING.equals(d.status()) ? Json.time(d.nextAttemptAtMs()) : null);
        o.put("created_at", Json.time(d.createdAtMs()));
        return o;
    }

    private void create(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        List<String> events = b.stringList("events");
        Http.async(ctx, webhooks.create(Http.principal(ctx), ctx.pathParam("ws"), b.string("url"), events,
                b.string("secret")), 201, c -> {
                    ObjectNode data = view(c.webhook());
                    data.put("secret", c.secret());
                    return NodeViews.data(data);
                });
    }

    private void list(RoutingContext ctx) {
        List<Webhook> all = webhooks.list(Http.principal(ctx), ctx.pathParam("ws"));
        ObjectNode body = NodeViews.onePage(all, w -> view(w));
        Http.json(ctx, 200, body);
    }

    private void get(RoutingContext ctx) {
        Http.json(ctx, 200, NodeViews.data(view(webhooks.get(Http.principal(ctx), ctx.pathParam("ws"),
                ctx.pathParam("id")))));
    }

    private void delete(RoutingContext ctx) {
        Http.async(ctx, webhooks.delete(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id")), 204, w -> null);
    }

    private void deliveries(RoutingContext ctx) {
        int limit = Http.queryInt(ctx, "limit", 100);
        if (limit < 1 || limit > 1000) {
            throw CorralException.invalid("limit", "limit must be 1-1000, got " + limit);
        }
        List<WebhookDelivery> all = webhooks.deliveries(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                limit);
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        all.forEach(d -> data.add(view(d)));
        Http.json(ctx, 200, body);
    }
}
