package io.corral.bench.baseline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * small JSON object. {@code GET /readyz} answers 200. Its server options are the coordinator's own
 * ({@link HttpVerticle#serverOptions}).
 */
public final class BaselineHeartbeatVerticle extends VerticleBase {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final String NODES = "/nodes/";
    private static final String HEARTBEAT = "/heartbeat";

    private final int port;
    private final ConcurrentHashMap<String, Map<String, Object>> lastBeatByNode;

    public BaselineHeartbeatVerticle(int port, ConcurrentHashMap<String, Map<String, Object>> lastBeatByNode) {
        this.port = port;
        this.lastBeatByNode = lastBeatByNode;
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
        int nodes = path.indexOf(NODES);
        if (req.method() != HttpMethod.POST || nodes < 0 || !path.endsWith(HEARTBEAT)) {
            req.response().setStatusCode(404).end();
            return;
        }
        String nodeId = path.substring(nodes + NODES.length(), path.length() - HEARTBEAT.length());
        req.body().onSuccess(body -> heartbeat(req, nodeId, body));
    }

    private void heartbeat(HttpServerRequest req, String nodeId, Buffer body) {
        Map<String, Object> beat;
        try {
            beat = MAPPER.readValue(body.getBytes(), OBJECT_MAP);
        } catch (IOException e) {
            req.response().setStatusCode(400).end("{\"error\":\"invalid JSON\"}");
            return;
        }
        long nowMs = System.currentTimeMillis();
        lastBeatByNode.put(nodeId, beat);
        byte[] reply;
        try {
            reply = MAPPER.writeValueAsBytes(Map.of("acknowledged", true, "node_id", nodeId, "timestamp_ms", nowMs));
        } catch (IOException e) {
            req.response().setStatusCode(500).end();
            return;
        }
        req.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(reply));
    }
}
