package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real coordinator and real agents, each a separate {@code corral} process. */
class AgentProcessTest {
    @TempDir
    static Path dir;
    static Coordinator coordinator;

    @BeforeAll
    static void startCoordinator() throws Exception {
        coordinator = new Coordinator(dir.resolve("coordinator"), dir);
        coordinator.start();
    }

    @AfterAll
    static void stopCoordinator() {
        coordinator.close();
    }

    @Test
    void registersWithHostMetricsGoesInactiveWhenKilledAndComesBackAsTheSameNode() throws Exception {
        Agent agent = new Agent(coordinator, dir.resolve("agent-a"), dir, "--labels", "env=test,team=db", "--zone", "z1",
                "--name", "agent-a");
        try {
            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            String id = agent.nodeId();
            Api.await("host metrics", Duration.ofSeconds(20), () -> {
                try {
                    JsonNode n = coordinator.node(id);
                    return n != null && n.at("/heartbeat_metrics/memory_total_bytes").asLong() > 0
                            && n.at("/heartbeat_metrics/cpu_cores").asInt() > 0;
                } catch (Exception e) {
                    return false;
                }
            }, agent::logTail);
            JsonNode n = coordinator.node(id);
            assertThat(n.get("name").asText()).isEqualTo("agent-a");
            assertThat(n.get("role").asText()).isEqualTo("worker");
            assertThat(n.at("/labels/env").asText()).isEqualTo("test");
            assertThat(n.get("zone").asText()).isEqualTo("z1");
            assertThat(n.at("/addresses/url").asText()).isEqualTo(agent.url());
            JsonNode m = n.get("heartbeat_metrics");
            assertThat(m.get("cpu_percent").asDouble()).isBetween(0.0, 100.0);
            assertThat(m.get("memory_used_bytes").asLong()).isPositive().isLessThanOrEqualTo(m.get("memory_total_bytes").asLong());
            assertThat(m.get("disk_total_bytes").asLong()).isPositive();
            assertThat(m.has("load_1m")).isTrue();
            assertThat(m.has("connections")).isTrue();
            assertThat(m.get("uptime_seconds").asLong()).isPositive();

            var metrics = Api.get(coordinator.url() + "/api/v1/workspaces/default/nodes/" + id + "/metrics?period=5m",
                    coordinator.adminToken());
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.json().at("/data/memory/total_gb").asDouble()).isPositive();
            assertThat(metrics.json().at("/data/cpu/series").size()).isPositive();

            var status = Api.get(agent.url() + "/api/cluster/status", null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().at("/status/role").asText()).isEqualTo("worker");
            assertThat(status.json().at("/status/id").asText()).isEqualTo(id);
            assertThat(status.json().at("/config/coordinatorUrl").asText()).isEqualTo(coordinator.url());
            assertThat(status.json().at("/serviceStatus/mode").asText()).isEqualTo("serving");
            assertThat(Files.readString(agent.dataDir.resolve("agent.json"))).contains("crn_" + id + ".");

            agent.kill();
            agent.awaitStatus("inactive", Duration.ofSeconds(15));
            var events = Api.get(coordinator.url() + "/api/v1/workspaces/default/nodes/" + id + "/events",
                    coordinator.adminToken());
            assertThat(events.json().get("data").findValuesAsText("reason")).contains("node.health_check_failed");

            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            assertThat(agent.nodeId()).isEqualTo(id);
        } finally {
            agent.close();
        }
    }

    @Test
    void maintenanceRoundTripThroughTheAgentNeedsAKeyAndShowsAtTheCoordinatorWithinOneHeartbeat() throws Exception {
        Agent agent = new Agent(coordinator, dir.resolve("agent-b"), dir);
        try {
            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            String admin = coordinator.adminToken();
            String viewer = Api.call("POST", coordinator.url() + "/api/v1/keys", admin,
                    Map.of("name", "v", "role", "viewer")).json().at("/data/token").asText();
            String operator = Api.call("POST", coordinator.url() + "/api/v1/keys", admin,
                    Map.of("name", "o", "role", "operator", "workspaces", java.util.List.of("default")))
                    .json().at("/data/token").asText();

            assertThat(Api.call("POST", agent.url() + "/api/cluster/disable-serving", null, null).status()).isEqualTo(401);
            assertThat(Api.call("POST", agent.url() + "/api/cluster/disable-serving", "crl_nobody.secret", null).status())
                    .isEqualTo(401);
            assertThat(Api.call("POST", agent.url() + "/api/cluster/disable-serving", viewer, null).status()).isEqualTo(403);
            assertThat(Api.get(agent.url() + "/api/health", null).status()).isEqualTo(200);

            var off = Api.call("POST", agent.url() + "/api/cluster/disable-serving", operator, null);
            assertThat(off.status()).as(off.raw()).isEqualTo(200);
            assertThat(off.json().at("/status/mode").asText()).isEqualTo("maintenance");
            // one heartbeat: the agent reports at once; 500 ms is the coordinator's heartbeat interval
            agent.awaitStatus("maintenance", Duration.ofMillis(1_500));
            var health = Api.get(agent.url() + "/api/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("retryAfter").asInt()).isEqualTo(30);
            assertThat(health.headers().firstValue("Retry-After")).contains("30");
            assertThat(Api.get(agent.url() + "/api/cluster/service-status", null).json().at("/status/enabled")
                    .asBoolean()).isFalse();

            var on = Api.call("POST", agent.url() + "/api/cluster/enable-serving", operator, null);
            assertThat(on.status()).isEqualTo(200);
            agent.awaitStatus("active", Duration.ofMillis(1_500));
            assertThat(Api.get(agent.url() + "/api/health", null).status()).isEqualTo(200);

            // maintenance set at the coordinator reaches the agent's health check through the heartbeat reply
            String id = agent.nodeId();
            assertThat(Api.call("PUT", coordinator.url() + "/api/v1/workspaces/default/nodes/" + id + "/maintenance",
                    admin, Map.of("enabled", true, "reason", "kernel upgrade")).status()).isEqualTo(200);
            Api.await("agent adopts maintenance", Duration.ofSeconds(5),
                    () -> Api.get(agent.url() + "/api/health", null).status() == 503, agent::logTail);
            assertThat(coordinator.status(id)).isEqualTo("maintenance");
            assertThat(Api.call("PUT", coordinator.url() + "/api/v1/workspaces/default/nodes/" + id + "/maintenance",
                    admin, Map.of("enabled", false)).status()).isEqualTo(200);
            Api.await("agent serves again", Duration.ofSeconds(5),
                    () -> Api.get(agent.url() + "/api/health", null).status() == 200, agent::logTail);
            assertThat(coordinator.status(id)).isEqualTo("active");
        } finally {
            agent.close();
        }
    }

    @Test
    void applicationMetricsFromALocalProcessReachTheCoordinator() throws Exception {
        Agent agent = new Agent(coordinator, dir.resolve("agent-c"), dir);
        try {
            agent.start();
            agent.awaitStatus("active", Duration.ofSeconds(30));
            var put = Api.call("PUT", agent.url() + "/api/app-metrics", null, Map.of("queue_depth", 17, "qps", 250.5));
            assertThat(put.status()).isEqualTo(204);
            assertThat(Api.call("PUT", agent.url() + "/api/app-metrics", null, Map.of("queue_depth", "many")).status())
                    .isEqualTo(400);
            String id = agent.nodeId();
            Api.await("application metrics at the coordinator", Duration.ofSeconds(10), () -> {
                try {
                    var r = Api.get(coordinator.url() + "/api/v1/workspaces/default/nodes/" + id
                            + "/metrics?metric=application", coordinator.adminToken());
                    return r.json().at("/data/application/queue_depth").asInt() == 17;
                } catch (Exception e) {
                    return false;
                }
            }, agent::logTail);
        } finally {
            agent.close();
        }
    }
}
