package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.metrics.CorralMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} (the process is up), {@code /readyz} (state loaded and a leader known: 200, else 503),
 * both unauthenticated; {@code /metrics} in Prometheus text format, for any valid key.
 */
public final class SystemEndpoint {
    private final BooleanSupplier ready;
    private final CorralMetrics metrics;

    public SystemEndpoint(BooleanSupplier ready, CorralMetrics metrics) {
        this.ready = ready;
        this.metrics = metrics;
    }

    public void addRoutes(Router router) {
        router.get("/healthz").handler(ctx -> Http.json(ctx, 200, Json.object().put("status", "ok")));
        router.get("/readyz").handler(this::readyz);
        router.get("/metrics").handler(this::metrics);
    }

    private void readyz(RoutingContext ctx) {
        boolean ok = ready.getAsBoolean();
        ObjectNode body = Json.object().put("status", ok ? "ready" : "not ready");
        Http.json(ctx, ok ? 200 : 503, body);
    }

    private void metrics(RoutingContext ctx) {
        Http.principal(ctx).require(Role.VIEWER, null);
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }
}
