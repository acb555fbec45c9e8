package io.corral.server.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.autoscale.Autoscaler;
import io.corral.server.config.Durations;
import io.corral.server.domain.AutoscaleSettings;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Node;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.policies.autoscale.Decision;
import io.corral.server.service.AutoscaleService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.List;

/**
 * A workspace's autoscale policy: {@code GET /api/v1/workspaces/{ws}/autoscale} (viewer) shows the policy
 * and its {@code status} (member count, standby pool, last action, latest decision);
 * {@code PUT …/autoscale} (admin) changes the fields it names ({@code enabled}, {@code metric},
 * {@code high_water}, {@code low_water}, {@code min_nodes}, {@code max_nodes}, {@code interval},
 * {@code cooldown}; durations as {@code "30s"}, {@code "5m"} or a number of seconds), leaves the others as
 * they are, ignores {@code workspace_id} and {@code status} so a GET body can be sent back, and rejects any
 * other field.
 */
public final class AutoscaleEndpoint {
    private static final String PATH = "/api/v1/workspaces/:ws/autoscale";
    private static final List<String> SETTABLE = List.of("enabled", "metric", "high_water", "low_water",
            "min_nodes", "max_nodes", "interval", "cooldown");
    private static final List<String> READ_ONLY = List.of("workspace_id", "status");
    private final AutoscaleService autoscale;

    public AutoscaleEndpoint(AutoscaleService autoscale) {
        this.autoscale = autoscale;
    }

    public void addRoutes(Router router) {
        router.get(PATH).handler(this::get);
        router.put(PATH).handler(this::put);
    }

    private void get(RoutingContext ctx) {
        Http.json(ctx, 200, NodeViews.data(view(autoscale.status(Http.principal(ctx), ctx.pathParam("ws")))));
    }

    private void put(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        Http.principal(ctx).require(Role.ADMIN, ws);
        JsonBody b = Http.body(ctx, false);
        AutoscaleSettings now = autoscale.status(Http.principal(ctx), ws).settings();
        checkFields(b);
        AutoscaleSettings next = new AutoscaleSettings(
                b.present("enabled") ? b.bool("enabled") : now.enabled(),
                b.present("metric") ? b.string("metric") : now.metric(),
                b.present("high_water") ? b.number("high_water") : now.highWater(),
                b.present("low_water") ? b.number("low_water") : now.lowWater(),
                b.present("min_nodes") ? b.integer("min_nodes", 1, AutoscaleSettings.MAX_NODES_LIMIT).intValue()
                        : now.minNodes(),
                b.present("max_nodes") ? b.integer("max_nodes", 0, AutoscaleSettings.MAX_NODES_LIMIT).intValue()
                        : now.maxNodes(),
                b.present("interval") ? duration(b, "interval") : now.intervalMs(),
                b.present("cooldown") ? duration(b, "cooldown") : now.cooldownMs());
        Http.async(ctx, autoscale.set(Http.principal(ctx), ws, next), 200, s -> NodeViews.data(view(s)));
    }

    /** Unknown fields and nulls are refused, naming the field, so a typo never passes silently. */
    private static void checkFields(JsonBody b) {
        Iterator<String> names = b.tree().fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (READ_ONLY.contains(f)) {
                continue;
            }
            if (!SETTABLE.contains(f)) {
                throw CorralException.invalid(f, "unknown field '" + f + "'; the fields are "
                        + String.join(", ", SETTABLE));
            }
            if (!b.has(f)) {
                throw CorralException.invalid(f, "field '" + f + "' must not be null");
            }
        }
    }

    private static long duration(JsonBody b, String field) {
        JsonNode v = b.tree().get(field);
        if (v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0 && v.asLong() <= Integer.MAX_VALUE) {
            return v.asLong() * 1_000;
        }
        if (!v.isTextual()) {
            throw CorralException.invalid(field, "field '" + field + "' must be a duration such as \"30s\" or \"5m\""
                    + ", or a number of seconds");
        }
        try {
            return Durations.parseMillis(v.asText());
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid(field, "field '" + field + "': " + e.getMessage());
        }
    }

    static ObjectNode view(AutoscaleService.Status st) {
        AutoscaleSettings s = st.settings();
        ObjectNode o = Json.object();
        o.put("workspace_id", st.workspace());
        o.put("enabled", s.enabled());
        o.put("metric", s.metric());
        number(o, "high_water", s.highWater());
        number(o, "low_water", s.lowWater());
        o.put("min_nodes", s.minNodes());
        o.put("max_nodes", s.maxNodes());
        o.put("interval", Durations.format(s.intervalMs()));
        o.put("cooldown", Durations.format(s.cooldownMs()));
        ObjectNode status = o.putObject("status");
        status.put("member_nodes", st.memberNodes());
        ArrayNode standbys = status.putArray("standby_nodes");
        for (Node n : st.standbyNodes()) {
            standbys.addObject().put("id", n.id()).put("status", n.status().wire());
        }
        status.put("last_action_at", Json.time(st.lastActionAtMs()));
        long until = st.lastActionAtMs() <= 0 ? 0 : st.lastActionAtMs() + s.cooldownMs();
        status.put("cooldown_until", Json.time(until));
        Autoscaler.Observed latest = st.latest();
        if (latest == null) {
            status.putNull("last_decision");
        } else {
            Decision d = latest.decision();
            ObjectNode dv = status.putObject("last_decision");
            dv.put("action", d.action().wire());
            dv.put("node_id", d.nodeId());
            dv.put("refusal", d.refusal() == null ? null : d.refusal().wire());
            dv.put("reason", d.reason());
            dv.put("at", Json.time(latest.atMs()));
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            o.put(field, (long) v);
        } else {
            o.put(field, v);
        }
    }
}
