package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.domain.ApiKey;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.security.Principal;
import io.corral.server.service.KeyService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The native API key API: {@code /api/v1/keys…} and {@code /api/v1/whoami}. */
public final class KeysEndpoint {
    private final KeyService keys;

    public KeysEndpoint(KeyService keys) {
        this.keys = keys;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/keys").handler(this::list);
        router.post("/api/v1/keys").handler(this::create);
        router.delete("/api/v1/keys/:id").handler(this::revoke);
        router.get("/api/v1/whoami").handler(this::whoami);
    }

    static ObjectNode view(ApiKey k) {
        ObjectNode o = Json.object();
        o.put("id", k.id());
        o.put("name", k.name());
        o.put("role", k.role().wire());
        o.set("workspaces", Json.MAPPER.valueToTree(k.workspaces().stream().sorted().toList()));
        o.put("created_at", Json.time(k.createdAtMs()));
        o.put("created_by", k.createdBy());
        return o;
    }

    private void list(RoutingContext ctx) {
        var all = keys.list(Http.principal(ctx));
        ObjectNode body = NodeViews.onePage(all, k -> view(k));
        Http.json(ctx, 200, body);
    }

    private void create(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        String roleWord = b.requiredString("role");
        Role role = Role.parse(roleWord).orElseThrow(() -> CorralException.invalid("role",
                "role '" + roleWord + "' must be viewer, operator or admin"));
        Http.async(ctx, keys.create(Http.principal(ctx), b.requiredString("name"), role, b.stringSet("workspaces")),
                201, created -> {
                    ObjectNode data = view(created.key());
                    data.put("token", created.token());
                    return NodeViews.data(data);
                });
    }

    private void revoke(RoutingContext ctx) {
        Http.async(ctx, keys.revoke(Http.principal(ctx), ctx.pathParam("id")), 204, k -> null);
    }

    private void whoami(RoutingContext ctx) {
        Principal p = Http.principal(ctx);
        ObjectNode data = Json.object();
        data.put("kind", p.kind().name().toLowerCase());
        data.put("id", p.id());
        data.put("actor", p.actor());
        data.put("role", p.role() == null ? null : p.role().wire());
        data.set("workspaces", Json.MAPPER.valueToTree(p.workspaces().stream().sorted().toList()));
        Http.json(ctx, 200, NodeViews.data(data));
    }
}
