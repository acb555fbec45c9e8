package io.corral.bench.baseline;

import io.corral.server.http.HttpVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference point for heartbeat ingest: plain Vert.x core (no router, no authentication, no log)
 * that accepts {@code POST …/nodes/{id}/heartbeat}, parses the JSON body with Jackson into a map,
 * stores it in a {@link ConcurrentHashMap} under the node id taken from the path, and replies with a
 * small JSON object (see {@link BaselineHeartbeats}). {@code GET /readyz} answers 200. Its server options
 * are the coordinator's own ({@link HttpVerticle#serverOptions}).
 */
public final class BaselineHeartbeatVerticle extends VerticleBase {
    private final int port;
    private final BaselineHeartbeats heartbeats;

    public BaselineHeartbeatVerticle(int port, ConcurrentHashMap<String, Map<String, Object>> lastBeatByNode) {
        this.port = port;
        this.heartbeats = new BaselineHeartbeats(lastBeatByNode);
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(HttpVerticle.serverOptions("127.0.0.1", port)).requestHandler(this::handle)
                .listen();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (req.method() == HttpMethod.GET && path.equals("/readyz")) {
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"ready\"}");
            return;
        }
        String nodeId = BaselineHeartbeats.nodeId(path);
        if (req.method() != HttpMethod.POST || nodeId == null) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().onSuccess(body -> heartbeat(req, nodeId, body));
    }

    private void heartbeat(HttpServerRequest req, String nodeId, Buffer body) {
        byte[] reply;
        try {
            reply = heartbeats.ingest(nodeId, body.getBytes());
        } catch (IOException e) {
            req.response().setStatusCode(400).end("{\"error\":\"invalid JSON\"}");
            return;
        }
        req.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(reply));
    }
}
