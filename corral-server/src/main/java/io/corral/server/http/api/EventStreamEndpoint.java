package io.corral.server.http.api;

import io.corral.server.controller.Controller;
import io.corral.server.domain.CorralException;
import io.corral.server.domain.Event;
import io.corral.server.domain.Role;
import io.corral.server.http.Http;
import io.corral.server.http.Json;
import io.corral.server.security.Principal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A workspace's events as Server-Sent Events: {@code GET /api/v1/workspaces/{ws}/events/stream}
 * with the list's filters ({@code type}, {@code source}, {@code node_id}). Each event is sent as
 * {@code id: <seq>}, {@code event: <reason>}, {@code data: <the event's JSON>}; a repeat that aggregated
 * into an existing event is sent again with its new seq and count. A client resumes after the seq in
 * {@code Last-Event-ID} (or {@code after=<seq>}); without one the stream starts with the next event.
 * Events are polled from the committed image every {@link #POLL_MS} on the request's event loop (no
 * thread is held); a comment line every {@link #KEEPALIVE_MS} keeps idle connections open, and a client
 * too slow to keep up is skipped until its write queue drains.
 */
public final class EventStreamEndpoint {
    public static final long POLL_MS = 200;
    public static final long KEEPALIVE_MS = 15_000;
    private final Controller controller;

    public EventStreamEndpoint(Controller controller) {
        this.controller = controller;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/workspaces/:ws/events/stream").handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        String ws = ctx.pathParam("ws");
        Principal p = Http.principal(ctx);
        p.require(Role.VIEWER, ws);
        if (controller.image().workspace(ws).isEmpty()) {
            throw CorralException.workspaceNotFound(ws);
        }
        String type = Http.query(ctx, "type");
        String source = Http.query(ctx, "source");
        String nodeId = Http.query(ctx, "node_id");
        String resume = ctx.request().getHeader("Last-Event-ID");
        if (resume == null) {
            resume = Http.query(ctx, "after");
        }
        long[] cursor = new long[1];
        try {
            cursor[0] = resume == null || resume.isBlank() ? controller.image().nextEventSeq() - 1
                    : Long.parseLong(resume.trim());
        } catch (NumberFormatException e) {
            throw CorralException.invalid("after", "the event id to resume after must be a number, got '" + resume + "'");
        }
        boolean clusterWide = p.workspaces().contains("*");
        HttpServerResponse res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        res.write(": corral events of workspace " + ws + "\n\n");
        long[] lastWriteMs = {System.currentTimeMillis()};
        var vertx = ctx.vertx();
        long timer = vertx.setPeriodic(POLL_MS, id -> {
            if (res.closed() || res.ended()) {
                vertx.cancelTimer(id);
                return;
            }
            if (res.writeQueueFull()) {
                return;
            }
            StringBuilder out = new StringBuilder();
            for (Event e : controller.image().eventsSince(cursor[0])) {
                cursor[0] = e.seq();
                boolean visible = e.workspace() == null ? clusterWide : e.workspace().equals(ws);
                if (visible && (nodeId == null || nodeId.equals(e.nodeId()))
                        && (type == null || type.equalsIgnoreCase(e.type()))
                        && (source == null || source.equals(e.source()))) {
                    out.append("id: ").append(e.seq()).append('\n').append("event: ").append(e.reason()).append('\n')
                            .append("data: ").append(new String(Json.bytes(NodeViews.event(e)),
                                    java.nio.charset.StandardCharsets.UTF_8)).append("\n\n");
                }
            }
            long now = System.currentTimeMillis();
            if (out.length() == 0 && now - lastWriteMs[0] >= KEEPALIVE_MS) {
                out.append(": keepalive\n\n");
            }
            if (out.length() > 0) {
                lastWriteMs[0] = now;
                res.write(Buffer.buffer(out.toString()));
            }
        });
        res.closeHandler(v -> vertx.cancelTimer(timer));
        res.exceptionHandler(e -> vertx.cancelTimer(timer));
    }
}
