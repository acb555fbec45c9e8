package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    static String register(String id, String ws) {
        var r = s.post("/api/v1/workspaces/" + ws + "/nodes", Map.of("id", id, "role", "worker"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().at("/data/token").asText();
    }

    static TestServer.Response beat(String ws, String id, String token, Map<String, Object> body) {
        return s.call("POST", "/api/v1/workspaces/" + ws + "/nodes/" + id + "/heartbeat", body, token);
    }

    static Map<String, Object> host(double cpu, double memUsedGb, double diskUsedGb) {
        Map<String, Object> m = new HashMap<>();
        m.put("cpu_percent", cpu);
        m.put("cpu_cores", 4);
        m.put("load_1m", 0.5);
        m.put("memory_used_bytes", memUsedGb * 1e9);
        m.put("memory_total_bytes", 8e9);
        m.put("disk_used_bytes", diskUsedGb * 1e9);
        m.put("disk_total_bytes", 100e9);
        m.put("network_in_bytes_per_second", 1_250_000);
        m.put("network_out_bytes_per_second", 250_000);
        m.put("connections", 42);
        m.put("uptime_seconds", 3600);
        m.put("app", Map.of("queue_depth", 7));
        return m;
    }

    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for: " + what).isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void heartbeatMetricsShowAsCurrentAveragePeakAndSeries() {
        String token = register("m-1", "default");
        assertThat(beat("default", "m-1", token, Map.of("metrics", host(20, 2, 10))).status()).isEqualTo(200);
        assertThat(beat("default", "m-1", token, Map.of("metrics", host(60, 4, 10))).status()).isEqualTo(200);

        var r = s.get("/api/v1/workspaces/default/nodes/m-1/metrics?period=1h");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode cpu = r.json().at("/data/cpu");
        assertThat(cpu.get("current_percentage").asDouble()).isEqualTo(60.0);
        assertThat(cpu.get("peak_percentage").asDouble()).isEqualTo(60.0);
        assertThat(cpu.get("average_percentage").asDouble()).isBetween(20.0, 60.0);
        assertThat(cpu.get("cores_total").asDouble()).isEqualTo(4.0);
        assertThat(cpu.get("cores_used").asDouble()).isEqualTo(2.4);
        assertThat(cpu.get("series").size()).isGreaterThanOrEqualTo(1);
        assertThat(cpu.at("/series/0/timestamp").asText()).endsWith("Z");
        JsonNode mem = r.json().at("/data/memory");
        assertThat(mem.get("current_percentage").asDouble()).isEqualTo(50.0);
        assertThat(mem.get("used_gb").asDouble()).isEqualTo(4.0);
        assertThat(mem.get("total_gb").asDouble()).isEqualTo(8.0);
        assertThat(r.json().at("/data/storage/current_percentage").asDouble()).isEqualTo(10.0);
        assertThat(r.json().at("/data/network/in_mbps").asDouble()).isEqualTo(10.0);
        assertThat(r.json().at("/data/network/out_mbps").asDouble()).isEqualTo(2.0);
        assertThat(r.json().at("/data/connections/current").asDouble()).isEqualTo(42.0);
        assertThat(r.json().at("/data/application/queue_depth").asInt()).isEqualTo(7);

        var onlyCpu = s.get("/api/v1/workspaces/default/nodes/m-1/metrics?period=7d&metric=cpu");
        assertThat(onlyCpu.json().at("/data/cpu/current_percentage").asDouble()).isEqualTo(60.0);
        assertThat(onlyCpu.json().at("/data/memory").isMissingNode()).isTrue();
        assertThat(onlyCpu.json().at("/data/period").asText()).isEqualTo("7d");
    }

    @Test
    void badMetricsQueriesAre400sNamingTheParameter() {
        register("m-bad", "default");
        var period = s.get("/api/v1/workspaces/default/nodes/m-bad/metrics?period=2w");
        assertThat(period.status()).isEqualTo(400);
        assertThat(period.json().at("/error/details/field").asText()).isEqualTo("period");
        var metric = s.get("/api/v1/workspaces/default/nodes/m-bad/metrics?metric=gpu");
        assertThat(metric.status()).isEqualTo(400);
        assertThat(metric.json().at("/error/details/field").asText()).isEqualTo("metric");
        assertThat(s.get("/api/v1/workspaces/default/nodes/nope/metrics").status()).isEqualTo(404);
        var noMetrics = s.get("/api/v1/workspaces/default/nodes/m-bad/metrics?period=5m");
        assertThat(noMetrics.status()).isEqualTo(200);
        assertThat(noMetrics.json().at("/data/cpu/current_percentage").isNull()).isTrue();
    }

    @Test
    void usageSumsTheWorkspaceAndIsNotMistakenForANodeId() {
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "usage-ws")).status()).isEqualTo(201);
        String a = register("u-a", "usage-ws");
        String b = register("u-b", "usage-ws");
        register("u-silent", "usage-ws");
        beat("usage-ws", "u-a", a, Map.of("metrics", host(50, 2, 20)));
        beat("usage-ws", "u-b", b, Map.of("metrics", host(25, 6, 40)));

        var r = s.get("/api/v1/workspaces/usage-ws/nodes/usage");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        JsonNode d = r.json().get("data");
        assertThat(d.at("/summary/total_nodes").asInt()).isEqualTo(3);
        assertThat(d.at("/summary/running_nodes").asInt()).as(r.raw()).isEqualTo(3);
        assertThat(d.at("/summary/total_cpu_cores").asDouble()).isEqualTo(8.0);
        assertThat(d.at("/summary/total_memory_gb").asDouble()).isEqualTo(16.0);
        assertThat(d.at("/usage/cpu/used_cores").asDouble()).isEqualTo(3.0);
        assertThat(d.at("/usage/cpu/percentage").asDouble()).isEqualTo(37.5);
        assertThat(d.at("/usage/memory/used_gb").asDouble()).isEqualTo(8.0);
        assertThat(d.at("/usage/memory/percentage").asDouble()).isEqualTo(50.0);
        assertThat(d.at("/usage/storage/percentage").asDouble()).isEqualTo(30.0);
        assertThat(d.get("by_node").findValuesAsText("node_id")).containsExactly("u-a", "u-b", "u-silent");
        assertThat(d.at("/by_node/0/cpu_percentage").asDouble()).isEqualTo(50.0);
        assertThat(d.at("/by_node/2/cpu_percentage").isNull()).isTrue();
    }

    @Test
    void prometheusShowsEveryNodeInOneScrape() {
        String token = register("p-1", "default");
        beat("default", "p-1", token, Map.of("metrics", host(33, 2, 10)));
        var r = s.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw()).contains("# TYPE corral_node_cpu_percent gauge")
                .contains("corral_node_cpu_percent{workspace=\"default\",node=\"p-1\"} 33.0")
                .contains("corral_node_memory_total_bytes{workspace=\"default\",node=\"p-1\"} 8.0E9")
                .contains("corral_node_up{workspace=\"default\",node=\"p-1\",role=\"worker\",status=\"active\"} 1")
                .contains("corral_node_up{workspace=\"default\",node=\"" + s.server().selfId() + "\"");
    }

    @Test
    void thresholdsRaiseAndClearWithHysteresis() {
        assertThat(s.post("/api/v1/workspaces", Map.of("id", "thr")).status()).isEqualTo(201);
        var dflt = s.get("/api/v1/workspaces/thr/thresholds");
        assertThat(dflt.json().at("/data/cpu_percent").asDouble()).isEqualTo(90.0);
        var set = s.call("PUT", "/api/v1/workspaces/thr/thresholds",
                Map.of("cpu_percent", 80, "hysteresis_percent", 10), s.adminToken());
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().at("/data/cpu_percent").asDouble()).isEqualTo(80.0);
        assertThat(set.json().at("/data/memory_percent").asDouble()).isEqualTo(90.0);

        String token = register("t-1", "thr");
        beat("thr", "t-1", token, Map.of("metrics", host(85, 1, 1)));
        eventually("threshold exceeded", () -> reasons("thr").contains("node.resource_threshold_exceeded"));
        beat("thr", "t-1", token, Map.of("metrics", host(75, 1, 1))); // below 80, not below 70: still exceeded
        beat("thr", "t-1", token, Map.of("metrics", host(95, 1, 1)));
        assertThat(s.server().controller().image().telemetry().breached("t-1", "cpu")).isTrue();
        beat("thr", "t-1", token, Map.of("metrics", host(65, 1, 1)));
        eventually("threshold cleared", () -> reasons("thr").contains("node.resource_threshold_cleared"));
        var events = s.get("/api/v1/workspaces/thr/nodes/t-1/events").json().get("data");
        JsonNode exceeded = null;
        for (JsonNode e : events) {
            if (e.get("reason").asText().equals("node.resource_threshold_exceeded")) {
                exceeded = e;
            }
        }
        assertThat(exceeded).isNotNull();
        assertThat(exceeded.get("type").asText()).isEqualTo("Warning");
        assertThat(exceeded.get("count").asInt()).isEqualTo(1);
        assertThat(exceeded.get("message").asText()).contains("cpu at 85%").contains("threshold of 80%");
    }

    @Test
    void badThresholdsAre400sAndChangeNothing() {
        long before = s.server().controller().image().appliedIndex();
        var tooHigh = s.call("PUT", "/api/v1/workspaces/default/thresholds", Map.of("cpu_percent", 150),
                s.adminToken());
        assertThat(tooHigh.status()).isEqualTo(400);
        assertThat(tooHigh.json().at("/error/details/field").asText()).isEqualTo("cpu_percent");
        var wrongType = s.call("PUT", "/api/v1/workspaces/default/thresholds", Map.of("disk_percent", "lots"),
                s.adminToken());
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/error/message").asText()).contains("disk_percent");
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
    }

    @Test
    void reportedMaintenanceReachesTheLifecycleWithinOneHeartbeatAndOnlyOnChange() {
        String token = register("sm-1", "default");
        assertThat(beat("default", "sm-1", token, Map.of("status", "active")).status()).isEqualTo(200);
        long indexBefore = s.server().controller().image().appliedIndex();
        assertThat(beat("default", "sm-1", token, Map.of("status", "active")).status()).isEqualTo(200);
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(indexBefore);

        beat("default", "sm-1", token, Map.of("status", "maintenance"));
        eventually("maintenance", () -> status("sm-1").equals("maintenance"));
        long afterChange = s.server().controller().image().appliedIndex();
        beat("default", "sm-1", token, Map.of("status", "maintenance"));
        beat("default", "sm-1", token, Map.of("status", "maintenance"));
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(afterChange);
        var reply = beat("default", "sm-1", token, Map.of("status", "active"));
        assertThat(reply.json().at("/data/status").asText()).isEqualTo("maintenance");
        eventually("active again", () -> status("sm-1").equals("active"));

        // a mode the node only adopted from the coordinator is never written back
        long beforeAdopted = s.server().controller().image().appliedIndex();
        beat("default", "sm-1", token, Map.of("status", "maintenance", "status_origin", "coordinator"));
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(beforeAdopted);
        assertThat(status("sm-1")).isEqualTo("active");
        assertThat(beat("default", "sm-1", token, Map.of("status", "active", "status_origin", "moon")).status())
                .isEqualTo(400);

        var bad = beat("default", "sm-1", token, Map.of("status", "sleepy"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/details/field").asText()).isEqualTo("status");
    }

    @Test
    void seed001HeartbeatStatusSwitchesMaintenanceToo() {
        var reg = s.post("/api/cluster/register", Map.of("id", "ps-w1", "url", "http://127.0.0.1:4402"));
        String token = reg.json().get("token").asText();
        var hb = s.call("POST", "/api/cluster/heartbeat/ps-w1", Map.of("status", "maintenance",
                "metadata", Map.of("load", 0.45, "memory", 0.68, "connections", 142)), token);
        assertThat(hb.status()).isEqualTo(200);
        eventually("maintenance", () -> status("ps-w1").equals("maintenance"));
        var m = s.get("/api/v1/workspaces/default/nodes/ps-w1/metrics?metric=memory");
        assertThat(m.json().at("/data/memory/current_percentage").asDouble()).isEqualTo(68.0);
    }

    static String status(String id) {
        return s.get("/api/v1/workspaces/default/nodes/" + id).json().at("/data/status").asText();
    }

    static java.util.List<String> reasons(String ws) {
        return s.get("/api/v1/workspaces/" + ws + "/events").json().get("data").findValuesAsText("reason");
    }
}
