package io.corral.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's view of the coordinator's native API: register (upsert) a node, heartbeat, and ask who
 * a key belongs to. Blocking calls with short timeouts; every failure is a {@link CoordinatorException}
 * carrying the HTTP status (0 when unreachable). Thread-safe.
 */
public final class CoordinatorClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final URI base;
    private final HttpClient http;

    /** A registration's result: the node token the coordinator issued. */
    public record Registered(String nodeId, String nodeToken, String status) {
    }

    /**
     * A heartbeat's result: the node's status at the coordinator, when it last changed (epoch ms), whether that
     * status came from the node's own report (rather than an operator), and the interval the coordinator asks for.
     */
    public record HeartbeatReply(String status, long statusChangedAtMs, boolean statusSetByNode,
                                 long heartbeatIntervalMs) {
    }

    /** Who a key is: its kind ({@code key}, {@code node}, {@code insecure}), role and workspaces. */
    public record Caller(String kind, String role, java.util.List<String> workspaces) {
    }

    public CoordinatorClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI base() {
        return base;
    }

    /** Registers (or re-registers, keeping the node's sequence number and status) the node described by {@code body}. */
    public Registered register(String workspace, ObjectNode body, String operatorToken) throws CoordinatorException {
        body.put("upsert", true);
        JsonNode r = call("POST", "/api/v1/workspaces/" + enc(workspace) + "/nodes", body, operatorToken);
        JsonNode d = r.path("data");
        return new Registered(d.path("id").asText(), d.path("token").asText(), d.path("status").asText());
    }

    /**
     * Sends a heartbeat. {@code statusAdopted} says the node took {@code status} over from the coordinator
     * (so the coordinator must not write it back).
     */
    public HeartbeatReply heartbeat(String workspace, String nodeId, String nodeToken, Map<String, Object> metrics,
                                    String status, boolean statusAdopted) throws CoordinatorException {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("metrics", MAPPER.valueToTree(metrics));
        body.put("status", status);
        body.put("status_origin", statusAdopted ? "coordinator" : "node");
        JsonNode r = call("POST", "/api/v1/workspaces/" + enc(workspace) + "/nodes/" + enc(nodeId) + "/heartbeat", body,
                nodeToken);
        JsonNode d = r.path("data");
        return new HeartbeatReply(d.path("status").asText(null), d.path("status_changed_at_ms").asLong(0),
                d.path("status_set_by_node").asBoolean(false),
                d.path("heartbeat_interval_ms").asLong(0));
    }

    public Caller whoami(String token) throws CoordinatorException {
        JsonNode d = call("GET", "/api/v1/whoami", null, token).path("data");
        java.util.List<String> ws = new java.util.ArrayList<>();
        d.path("workspaces").forEach(w -> ws.add(w.asText()));
        return new Caller(d.path("kind").asText(), d.path("role").asText(null), ws);
    }

    /**
     * Any native API call: {@code path} starts with {@code /api/}; the reply's JSON (an empty object when
     * it had no body). Non-2xx answers throw with the status and the error code.
     */
    public JsonNode request(String method, String path, JsonNode body, String token) throws CoordinatorException {
        return call(method, path, body, token);
    }

    private JsonNode call(String method, String path, JsonNode body, String token) throws CoordinatorException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        try {
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new CoordinatorException(0, null, "cannot encode the request: " + e.getMessage(), e);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CoordinatorException(0, null, "coordinator " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorException(0, null, "interrupted", e);
        }
        JsonNode json;
        try {
            json = r.body().length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
        } catch (IOException e) {
            json = MAPPER.createObjectNode();
        }
        if (r.statusCode() / 100 != 2) {
            throw new CoordinatorException(r.statusCode(), json.path("error").path("code").asText(null),
                    method + " " + path + " answered " + r.statusCode() + ": "
                            + json.path("error").path("message").asText(""), null);
        }
        return json;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
