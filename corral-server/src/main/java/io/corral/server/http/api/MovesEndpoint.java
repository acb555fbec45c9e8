package io.corral.server.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.server.commands.moves.MoveStep;
import io.corral.server.commands.moves.ReportMoveStep;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Move;
import io.corral.server.domain.MovePhase;
import io.corral.server.domain.MoveProgress;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.http.JsonBody;
import io.corral.server.service.MoveService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The native move API: {@code /api/v1/workspaces/{ws}/moves…}. */
public final class MovesEndpoint {
    private static final String BASE = "/api/v1/workspaces/:ws/moves";
    private final MoveService moves;
    private final Clock clock;

    public MovesEndpoint(MoveService moves, Clock clock) {
        this.moves = moves;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get(BASE).handler(this::list);
        router.post(BASE).handler(this::start);
        router.get(BASE + "/:id").handler(this::get);
        router.post(BASE + "/:id/steps").handler(this::step);
        router.delete(BASE + "/:id").handler(this::cancel);
    }

    /** A move's JSON: phase (and seed 000's word for it), nodes, attempt, progress with an ETA. */
    static ObjectNode view(Move m, long nowMs) {
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("workspace_id", m.workspace());
        o.put("resource_id", m.resourceId());
        o.put("shard_id", m.shardId());
        o.put("source_node", m.fromNode());
        o.put("target_node", m.toNode());
        o.put("donor_node", m.donorNode());
        o.put("phase", m.phase().wire());
        o.put("shard_status", m.phase().seedWord());
        o.put("attempt", m.attempt());
        o.put("reason", m.reason());
        o.put("error", m.error());
        o.put("operation", m.operation());
        o.put("created_at", Json.time(m.createdAtMs()));
        o.put("updated_at", Json.time(m.updatedAtMs()));
        o.put("phase_started_at", Json.time(m.phaseStartedAtMs()));
        ObjectNode p = o.putObject("progress");
        MoveProgress pr = m.progress();
        p.put("items_done", pr.itemsDone()).put("items_total", pr.itemsTotal()).put("bytes_done", pr.bytesDone())
                .put("bytes_total", pr.bytesTotal()).put("fraction", pr.fraction());
        double f = pr.fraction();
        long elapsedMs = Math.max(0, (pr.reportedAtMs() > 0 ? pr.reportedAtMs() : nowMs) - m.phaseStartedAtMs());
        if (f > 0 && f < 1 && !m.phase().terminal()) {
            p.put("eta_ms", (long) (elapsedMs * (1 - f) / f));
        } else {
            p.putNull("eta_ms");
        }
        return o;
    }

    private void list(RoutingContext ctx) {
        String state = Http.query(ctx, "state");
        MoveService.Filter filter;
        try {
            filter = state == null ? MoveService.Filter.ALL : MoveService.Filter.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CorralException.invalid("state", "state must be active, finished or all, got '" + state + "'");
        }
        List<Move> all = moves.list(Http.principal(ctx), ctx.pathParam("ws"), filter, Http.query(ctx, "node_id"),
                Http.query(ctx, "resource_id"));
        long now = clock.millis();
        ObjectNode body = NodeViews.onePage(all, m -> view(m, now));
        Http.json(ctx, 200, body);
    }

    private void start(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        Long shard = b.integer("shard_id", 0, Integer.MAX_VALUE);
        if (shard == null) {
            throw CorralException.invalid("shard_id", "field 'shard_id' is required");
        }
        Http.async(ctx, moves.start(Http.principal(ctx), ctx.pathParam("ws"), b.requiredString("resource_id"), shard,
                b.string("source_node"), b.requiredString("target_node"), b.string("reason")), 202,
                m -> NodeViews.data(view(m, clock.millis())));
    }

    private void get(RoutingContext ctx) {
        Http.json(ctx, 200, NodeViews.data(view(moves.get(Http.principal(ctx), ctx.pathParam("ws"),
                ctx.pathParam("id")), clock.millis())));
    }

    /**
     * {@code {"step": "complete_snapshot_transfer" | … | "progress" | "fail", "items_done": …, "error": …,
     * "phase": …, "attempt": …}}; {@code phase} and {@code attempt} (optional) say which attempt the report
     * is about, so a report about an attempt that is over is refused (409) instead of taken.
     */
    private void step(RoutingContext ctx) {
        JsonBody b = Http.body(ctx, false);
        String word = b.requiredString("step");
        MoveStep step = MoveStep.parse(word).orElseThrow(() -> CorralException.invalid("step", "step '" + word
                + "' must be complete_snapshot_transfer, complete_wal_sync, complete_cutover, complete_cleanup, "
                + "progress or fail"));
        Http.async(ctx, moves.report(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id"), step, progress(b),
                b.string("error"), about(b, step)), 200, m -> NodeViews.data(view(m, clock.millis())));
    }

    /**
     * The attempt a report is about: {@code attempt} (≥ 1) with {@code phase}, which a finished phase's step
     * implies (and, when given, must match); null when the report gives neither.
     */
    static ReportMoveStep.PhaseAttempt about(JsonBody b, MoveStep step) {
        Long attempt = b.integer("attempt", 1, Integer.MAX_VALUE);
        String phaseWord = b.string("phase");
        if (attempt == null) {
            if (phaseWord != null) {
                throw CorralException.invalid("attempt", "'phase' needs 'attempt' (the attempt of that phase)");
            }
            return null;
        }
        MovePhase phase = phaseWord == null ? null : MovePhase.parse(phaseWord).filter(p -> !p.terminal())
                .orElseThrow(() -> CorralException.invalid("phase", "unknown phase '" + phaseWord
                        + "'; use snapshot, catch_up, awaiting_cutover or cleanup"));
        boolean finishesPhase = step != MoveStep.PROGRESS && step != MoveStep.FAIL;
        if (finishesPhase) {
            MovePhase finished = ReportMoveStep.finishes(step);
            if (phase != null && phase != finished) {
                throw CorralException.invalid("phase", "'" + step.seedName() + "' finishes " + finished.wire()
                        + ", not " + phase.wire());
            }
            phase = finished;
        } else if (phase == null) {
            throw CorralException.invalid("phase", "'attempt' needs 'phase' for a '" + step.seedName() + "' report");
        }
        return new ReportMoveStep.PhaseAttempt(phase, attempt.intValue());
    }

    static MoveProgress progress(JsonBody b) {
        Long itemsDone = b.integer("items_done", 0, Long.MAX_VALUE);
        Long itemsTotal = b.integer("items_total", 0, Long.MAX_VALUE);
        Long bytesDone = b.integer("bytes_done", 0, Long.MAX_VALUE);
        Long bytesTotal = b.integer("bytes_total", 0, Long.MAX_VALUE);
        return new MoveProgress(itemsDone == null ? 0 : itemsDone, itemsTotal == null ? 0 : itemsTotal,
                bytesDone == null ? 0 : bytesDone, bytesTotal == null ? 0 : bytesTotal, 0);
    }

    private void cancel(RoutingContext ctx) {
        Http.async(ctx, moves.cancel(Http.principal(ctx), ctx.pathParam("ws"), ctx.pathParam("id")), 200,
                m -> NodeViews.data(view(m, clock.millis())));
    }
}
