package io.corral.server.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001, coordinator side: /api/cluster/… with the documented bodies. */
class ProxyStoneApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir, 2_000, 6_000, false);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static Map<String, Object> registration(String id) {
        return Map.of("id", id, "url", "http://127.0.0.1:4402", "clusterId", "default-cluster", "role", "worker",
                "capabilities", Map.of(), "tags", List.of(), "metadata", Map.of("autoRegistered", true,
                        "nodeVersion", "v18.17.0", "platform", "linux", "startTime", "2024-01-15T10:30:00.000Z"));
    }

    @Test
    void workerRegistersHeartbeatsAndIsListed() {
        var reg = s.post("/api/cluster/register", registration("a51c132e-4b71-409c-bf6d-98b5bbc2d2a9"));
        assertThat(reg.status()).as(reg.raw()).isEqualTo(200);
        assertThat(reg.json().get("success").asBoolean()).isTrue();
        JsonNode node = reg.json().get("node");
        assertThat(node.get("id").asText()).isEqualTo("a51c132e-4b71-409c-bf6d-98b5bbc2d2a9");
        assertThat(node.get("url").asText()).isEqualTo("http://127.0.0.1:4402");
        assertThat(node.get("clusterId").asText()).isEqualTo("default-cluster");
        assertThat(node.get("status").asText()).isEqualTo("active");
        assertThat(node.get("role").asText()).isEqualTo("worker");
        assertThat(node.get("lastSeen").asText()).endsWith("Z");
        assertThat(node.get("createdAt").asText()).endsWith("Z");

        String nodeToken = reg.json().get("token").asText();
        var beat = s.call("POST", "/api/cluster/heartbeat/a51c132e-4b71-409c-bf6d-98b5bbc2d2a9",
                Map.of("status", "active", "metadata", Map.of("load", 0.45, "memory", 0.68, "connections", 142)),
                nodeToken);
        assertThat(beat.status()).as(beat.raw()).isEqualTo(200);
        assertThat(beat.json().get("success").asBoolean()).isTrue();
        assertThat(beat.json().get("acknowledged").asBoolean()).isTrue();
        assertThat(beat.json().get("timestamp").asText()).endsWith("Z");

        var nodes = s.get("/api/cluster/nodes");
        assertThat(nodes.json().get("success").asBoolean()).isTrue();
        assertThat(nodes.json().get("total").asInt()).isEqualTo(nodes.json().get("nodes").size());
        assertThat(nodes.json().get("nodes").findValuesAsText("role")).contains("coordinator", "worker");
        assertThat(s.get("/api/v1/workspaces/default/nodes/a51c132e-4b71-409c-bf6d-98b5bbc2d2a9").json()
                .at("/data/heartbeat_metrics/connections").asInt()).isEqualTo(142);
    }

    @Test
    void registeringAgainKeepsTheNodeAndIssuesANewToken() {
        var first = s.post("/api/cluster/register", registration("worker-again"));
        var second = s.post("/api/cluster/register", registration("worker-again"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().at("/node/createdAt").asText()).isEqualTo(first.json().at("/node/createdAt").asText());
        assertThat(s.call("POST", "/api/cluster/heartbeat/worker-again", Map.of(), first.json().get("token").asText())
                .status()).isEqualTo(401);
        assertThat(s.call("POST", "/api/cluster/heartbeat/worker-again", Map.of(), second.json().get("token").asText())
                .status()).isEqualTo(200);
    }

    @Test
    void heartbeatOfAnUnknownNodeIs404InTheSeedErrorFormat() {
        var r = s.post("/api/cluster/heartbeat/nobody", Map.of("status", "active"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("error").asText()).isEqualTo("Not Found");
        assertThat(r.json().get("code").asText()).isEqualTo("NODE_NOT_FOUND");
        assertThat(r.json().get("message").asText()).contains("nobody");
        assertThat(r.json().get("details").isObject()).isTrue();
    }

    @Test
    void aNodeTokenCannotHeartbeatForAnotherNode() {
        var a = s.post("/api/cluster/register", registration("tok-a"));
        s.post("/api/cluster/register", registration("tok-b"));
        var r = s.call("POST", "/api/cluster/heartbeat/tok-b", Map.of(), a.json().get("token").asText());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void statusShowsConfigInSeconds() {
        var st = s.get("/api/cluster/status");
        assertThat(st.status()).isEqualTo(200);
        assertThat(st.json().at("/status/role").asText()).isEqualTo("coordinator");
        assertThat(st.json().at("/status/id").asText()).isEqualTo(s.server().selfId());
        assertThat(st.json().at("/config/heartbeatInterval").isIntegralNumber()).isTrue();
        assertThat(st.json().at("/config/heartbeatInterval").asLong()).isEqualTo(2);
        assertThat(st.json().at("/config/nodeTimeout").asLong()).isEqualTo(6);
        assertThat(st.json().at("/config/coordinatorUrl").isNull()).isTrue();
        assertThat(st.json().at("/serviceStatus/startTime").asText()).endsWith("Z");
    }

    @Test
    void healthCountsNodes() {
        s.post("/api/cluster/register", registration("health-w"));
        var h = s.get("/api/cluster/health");
        assertThat(h.status()).isEqualTo(200);
        JsonNode health = h.json().get("health");
        assertThat(health.get("totalNodes").asInt()).isEqualTo(health.get("nodes").size());
        assertThat(health.get("activeNodes").asInt() + health.get("inactiveNodes").asInt())
                .isLessThanOrEqualTo(health.get("totalNodes").asInt());
        assertThat(health.get("coordinatorHealthy").asBoolean()).isTrue();
        assertThat(health.get("nodes").findValuesAsText("id")).contains("health-w", s.server().selfId());
    }

    @Test
    void servingCanBeDisabledAndEnabled() {
        var off = s.post("/api/cluster/disable-serving", null);
        assertThat(off.status()).as(off.raw()).isEqualTo(200);
        assertThat(off.json().get("message").asText()).isEqualTo("Cluster serving disabled (maintenance mode)");
        assertThat(off.json().at("/status/mode").asText()).isEqualTo("maintenance");
        assertThat(off.json().at("/status/enabled").asBoolean()).isFalse();
        var ss = s.get("/api/cluster/service-status");
        assertThat(ss.json().at("/status/mode").asText()).isEqualTo("maintenance");
        assertThat(ss.json().at("/nodeStatus/status").asText()).isEqualTo("maintenance");
        assertThat(s.call("GET", "/readyz", null, null).status()).isEqualTo(503);

        var on = s.post("/api/cluster/enable-serving", null);
        assertThat(on.json().get("message").asText()).isEqualTo("Cluster serving enabled");
        assertThat(on.json().at("/status/mode").asText()).isEqualTo("serving");
        assertThat(on.json().at("/status/changedAt").asText()).endsWith("Z");
        assertThat(s.get("/api/cluster/service-status").json().at("/status/enabled").asBoolean()).isTrue();
        assertThat(s.call("GET", "/readyz", null, null).status()).isEqualTo(200);
    }

    @Test
    void badRegistrationIs400InTheSeedErrorFormat() {
        var r = s.post("/api/cluster/register", Map.of("id", "bad id", "url", "http://x:1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("success").asBoolean()).isFalse();
        assertThat(r.json().get("error").asText()).isEqualTo("Bad Request");
        assertThat(s.post("/api/cluster/register", Map.of("id", "w", "url", "not a url")).status()).isEqualTo(400);
        assertThat(s.call("GET", "/api/cluster/nodes", null, null).status()).isEqualTo(401);
    }
}
