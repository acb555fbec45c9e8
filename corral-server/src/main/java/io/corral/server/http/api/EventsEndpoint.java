package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.config.Durations;
import io.corral.server.controller.Controller;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Event;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.records.EventJournal;
import io.corral.server.security.Principal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Events of a workspace or a node, newest first, filtered by {@code type}, {@code source},
 * {@code node_id} and {@code since} (a duration such as {@code 1h}); at most {@code limit} (default 100, max 1000).
 */
public final class EventsEndpoint {
    private final Controller controller;
    private final Clock clock;

    public EventsEndpoint(Controller controller, Clock clock) {
        this.controller = controller;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/workspaces/:ws/events").handler(ctx -> list(ctx, Http.query(ctx, "node_id")));
        router.get("/api/v1/workspaces/:ws/nodes/:id/events").handler(ctx -> list(ctx, ctx.pathParam("id")));
    }

    private void list(RoutingContext ctx, String nodeId) {
        String ws = ctx.pathParam("ws");
        Principal p = Http.principal(ctx);
        p.require(Role.VIEWER, ws);
        if (controller.image().workspace(ws).isEmpty()) {
            throw CorralException.workspaceNotFound(ws);
        }
        String type = Http.query(ctx, "type");
        String source = Http.query(ctx, "source");
        String since = Http.query(ctx, "since");
        long sinceMs;
        try {
            sinceMs = since == null ? 0 : clock.millis() - Durations.parseMillis(since);
            // events past the retention age are not shown even before the next record drops them
            sinceMs = Math.max(sinceMs, clock.millis() - EventJournal.RETENTION_AGE_MS);
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("since", e.getMessage());
        }
        int limit = Http.queryInt(ctx, "limit", 100);
        if (limit < 1 || limit > 1000) {
            throw CorralException.invalid("limit", "limit must be 1-1000, got " + limit);
        }
        boolean clusterWide = p.workspaces().contains("*");
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (Event e : controller.image().events().descendingMap().values()) {
            if (data.size() >= limit || e.atMs() < sinceMs) {
                break;
            }
            boolean visible = e.workspace() == null ? clusterWide : e.workspace().equals(ws);
            if (visible && (nodeId == null || nodeId.equals(e.nodeId()))
                    && (type == null || type.equalsIgnoreCase(e.type()))
                    && (source == null || source.equals(e.source()))) {
                data.add(NodeViews.event(e));
            }
        }
        Http.json(ctx, 200, body);
    }
}
