package io.corral.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own HTTP API, as seed 001 documents it for a worker:
 * <ul>
 *   <li>{@code GET /api/health}: 200 while serving; 503 with a {@code Retry-After} header and
 *       {@code retryAfter} (seconds) in the body while in maintenance, so load balancers stop routing;</li>
 *   <li>{@code GET /api/cluster/status}: the node (role {@code worker}), its config
 *       ({@code coordinatorUrl}) and its service status;</li>
 *   <li>{@code GET /api/cluster/service-status};</li>
 *   <li>{@code POST /api/cluster/enable-serving}, {@code POST /api/cluster/disable-serving}: need a key with
 *       the operator role in the node's workspace, checked at the coordinator ({@link KeyCheck}); 401 without
 *       a valid key, 403 for a key without the right, 503 when the coordinator cannot say;</li>
 *   <li>{@code PUT /api/app-metrics}: a local process (loopback callers only) hands over its application
 *       metrics as a JSON object of numbers, reported with every heartbeat until replaced.</li>
 * </ul>
 * Reads need no key, as in seed 001. Errors use seed 001's format.
 */
public final class AgentApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile NodeAgent agent;
    private volatile KeyCheck keys;
    private volatile int retryAfterSeconds;

    private AgentApi(HttpServer server) {
        this.server = server;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "corral-agent-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    /**
     * Binds the API on {@code host:port} (0 picks a port) without serving yet, so the port is known
     * before the agent registers; {@link #serve} starts it.
     */
    public static AgentApi bind(String host, int port) throws IOException {
        return new AgentApi(HttpServer.create(new InetSocketAddress(host, port), 64));
    }

    /** Serves {@code nodeAgent}'s API; call once. */
    public AgentApi serve(NodeAgent nodeAgent) {
        this.agent = nodeAgent;
        this.keys = new KeyCheck(nodeAgent.coordinator(), nodeAgent.config().workspace(), Clock.systemUTC());
        this.retryAfterSeconds = nodeAgent.config().retryAfterSeconds();
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (method + " " + path) {
                case "GET /api/health" -> health(ex);
                case "GET /api/cluster/status" -> status(ex);
                case "GET /api/cluster/service-status" -> serviceStatus(ex);
                case "POST /api/cluster/enable-serving" -> switchServing(ex, true);
                case "POST /api/cluster/disable-serving" -> switchServing(ex, false);
                case "PUT /api/app-metrics" -> appMetrics(ex);
                default -> error(ex, knownPath(path) ? 405 : 404, knownPath(path) ? "METHOD_NOT_ALLOWED" : "NOT_FOUND",
                        knownPath(path) ? "method " + method + " is not allowed on " + path : "no such endpoint: " + path);
            }
        } catch (RuntimeException e) {
            LOG.error("agent API request failed", e);
        }
    }

    private static boolean knownPath(String path) {
        return path.equals("/api/health") || path.startsWith("/api/cluster/") && (path.endsWith("status")
                || path.endsWith("serving")) || path.equals("/api/app-metrics");
    }

    private void health(HttpExchange ex) throws IOException {
        NodeAgent.State s = agent.state();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("status", s.serving() ? "healthy" : "maintenance");
        body.put("mode", s.serving() ? "serving" : "maintenance");
        body.put("nodeId", s.nodeId());
        body.put("coordinatorConnected", s.lastError() == null && s.lastHeartbeatOkAtMs() > 0);
        if (!s.serving()) {
            body.put("retryAfter", retryAfterSeconds);
            body.put("reason", s.servingReason());
            ex.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
        }
        send(ex, s.serving() ? 200 : 503, body);
    }

    private ObjectNode serviceStatusOf(NodeAgent.State s, String timeField, long timeMs) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("mode", s.serving() ? "serving" : "maintenance");
        o.put("enabled", s.serving());
        o.put(timeField, Instant.ofEpochMilli(timeMs).toString());
        return o;
    }

    private ObjectNode node(NodeAgent.State s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", s.nodeId());
        o.put("url", agent.advertisedUrl());
        o.put("clusterId", agent.config().workspace());
        o.put("status", s.coordinatorStatus() != null ? s.coordinatorStatus() : s.serving() ? "active" : "maintenance");
        o.put("role", "worker");
        o.put("lastSeen", s.lastHeartbeatOkAtMs() > 0 ? Instant.ofEpochMilli(s.lastHeartbeatOkAtMs()).toString() : null);
        return o;
    }

    private void status(HttpExchange ex) throws IOException {
        NodeAgent.State s = agent.state();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", true);
        body.set("status", node(s));
        ObjectNode config = body.putObject("config");
        config.put("enabled", true);
        config.put("clusterId", agent.config().workspace());
        config.put("coordinatorUrl", agent.config().coordinatorUrl().toString());
        config.put("heartbeatInterval", s.heartbeatIntervalMs() / 1000.0);
        config.put("registered", s.registered());
        config.put("lastError", s.lastError());
        body.set("serviceStatus", serviceStatusOf(s, "startTime", s.startedAtMs()));
        send(ex, 200, body);
    }

    private void serviceStatus(HttpExchange ex) throws IOException {
        NodeAgent.State s = agent.state();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", true);
        body.set("status", serviceStatusOf(s, "startTime", s.startedAtMs()));
        ObjectNode ns = node(s);
        ns.remove("url");
        ns.remove("clusterId");
        body.set("nodeStatus", ns);
        send(ex, 200, body);
    }

    private void switchServing(HttpExchange ex, boolean enable) throws IOException {
        switch (keys.check(ex.getRequestHeaders().getFirst("Authorization"))) {
            case UNAUTHORIZED -> {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"corral\"");
                error(ex, 401, "UNAUTHORIZED", "a valid API key is required: send 'Authorization: Bearer <token>'");
                return;
            }
            case FORBIDDEN -> {
                error(ex, 403, "FORBIDDEN", "switching serving needs a key with the operator role in workspace '"
                        + agent.config().workspace() + "'");
                return;
            }
            case UNAVAILABLE -> {
                error(ex, 503, "UNAVAILABLE", "the coordinator cannot be reached to check the key; try again");
                return;
            }
            default -> {
            }
        }
        agent.setServing(enable, enable ? null : "serving disabled through /api/cluster/disable-serving");
        NodeAgent.State s = agent.state();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", true);
        body.put("message", enable ? "Cluster serving enabled" : "Cluster serving disabled (maintenance mode)");
        body.set("status", serviceStatusOf(s, "changedAt", s.servingChangedAtMs()));
        send(ex, 200, body);
    }

    private void appMetrics(HttpExchange ex) throws IOException {
        if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
            error(ex, 403, "FORBIDDEN", "application metrics are accepted from this host only");
            return;
        }
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                error(ex, 413, "PAYLOAD_TOO_LARGE", "the body is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            body = MAPPER.readTree(bytes);
        } catch (IOException e) {
            error(ex, 400, "INVALID_JSON", "the body is not valid JSON");
            return;
        }
        if (body == null || !body.isObject() || body.size() > 100) {
            error(ex, 400, "VALIDATION_FAILED", "the body must be a JSON object of at most 100 numbers");
            return;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        var it = body.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().isNumber() || e.getKey().length() > 100) {
                error(ex, 400, "VALIDATION_FAILED", "metric '" + e.getKey() + "' must be a number (names up to 100 "
                        + "characters)");
                return;
            }
            values.put(e.getKey(), e.getValue().asDouble());
        }
        agent.replaceAppMetrics(values);
        ex.sendResponseHeaders(204, -1);
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("success", false);
        body.put("error", switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            default -> "Service Unavailable";
        });
        body.put("message", message);
        body.put("code", code);
        body.putObject("details");
        send(ex, status, body);
    }

    private static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
