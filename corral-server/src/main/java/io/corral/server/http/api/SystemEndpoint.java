package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.metrics.CorralMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the process is up) and {@code /readyz} (200 once the state is loaded, this
 * coordinator leads and is not in maintenance; 503 with the reason otherwise), both unauthenticated;
 * {@code /metrics} in Prometheus text format, for a key scoped to all workspaces.
 */
public final class SystemEndpoint {
    /** Why the coordinator is not ready, or null when it is. */
    private final Supplier<String> notReadyReason;
    private final CorralMetrics metrics;

    public SystemEndpoint(Supplier<String> notReadyReason, CorralMetrics metrics) {
        this.notReadyReason = notReadyReason;
        this.metrics = metrics;
    }

    public void addRoutes(Router router) {
        router.get("/healthz").handler(ctx -> Http.json(ctx, 200, Json.object().put("status", "ok")));
        router.get("/readyz").handler(this::readyz);
        router.get("/metrics").handler(this::metrics);
    }

    private void readyz(RoutingContext ctx) {
        String reason = notReadyReason.get();
        ObjectNode body = Json.object().put("status", reason == null ? "ready" : "not ready");
        if (reason != null) {
            body.put("reason", reason);
        }
        Http.json(ctx, reason == null ? 200 : 503, body);
    }

    private void metrics(RoutingContext ctx) {
        Http.principal(ctx).require(Role.VIEWER, null);
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
