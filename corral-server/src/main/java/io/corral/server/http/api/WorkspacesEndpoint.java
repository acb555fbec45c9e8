package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.Workspace;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.WorkspaceService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The native workspace API: {@code /api/v1/workspaces…}. */
public final class WorkspacesEndpoint {
    private final WorkspaceService workspaces;

    public WorkspacesEndpoint(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/workspaces").handler(this::list);
        router.post("/api/v1/workspaces").handler(this::create);
        router.get("/api/v1/workspaces/:ws").handler(this::get);
        router.delete("/api/v1/workspaces/:ws").handler(this::delete);
    }

    static ObjectNode view(Workspace w) {
        ObjectNode o = Json.object();
        o.put("id", w.id());
        o.put("name", w.name());
        o.put("region", w.region());
        o.set("labels", Json.MAPPER.valueToTree(w.labels()));
        o.put("created_at", Json.time(w.createdAtMs()));
        return o;
    }

    private void list(RoutingContext ctx) {
        var all = workspaces.list(Http.principal(ctx));
        ObjectNode body = NodeViews.onePage(all, w -> view(w));
        Http.json(ctx, 200, body);
    }

    private void create(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Http.async(ctx, workspaces.create(Http.principal(ctx), b.requiredString("id"), b.string("name"),
                b.string("region"), b.stringMap("labels")), 201, w -> NodeViews.data(view(w)));
    }

    private void get(RoutingContext ctx) {
        Http.json(ctx, 200, NodeViews.data(view(workspaces.get(Http.principal(ctx), ctx.pathParam("ws")))));
    }

    private void delete(RoutingContext ctx) {
        Http.async(ctx, workspaces.delete(Http.principal(ctx), ctx.pathParam("ws")), 204, w -> null);
    }
}
