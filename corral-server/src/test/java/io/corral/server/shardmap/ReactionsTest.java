package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reactions to nodes going inactive, on a real server: leadership moves at once, data re-placement
 * waits for the delay, and cluster maintenance mode freezes re-placement.
 */
class ReactionsTest {
    private static final long REPLACEMENT_DELAY_MS = 6_000;
    @TempDir
    Path dir;
    TestServer s;
    final Set<String> alive = ConcurrentHashMap.newKeySet();
    ScheduledExecutorService beats;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(TestServer.config(dir, 200, 1_000, REPLACEMENT_DELAY_MS));
        for (String id : List.of("d1", "d2", "d3")) {
            assertThat(s.post("/api/v1/workspaces/default/nodes", Map.of("id", id, "zone", "zone-" + id)).status())
                    .isEqualTo(201);
            alive.add(id);
        }
        beats = Executors.newSingleThreadScheduledExecutor();
        beats.scheduleAtFixedRate(() -> alive.forEach(id ->
                s.post("/api/v1/workspaces/default/nodes/" + id + "/heartbeat", Map.of())), 0, 200, TimeUnit.MILLISECONDS);
        assertThat(s.post("/api/v1/workspaces/default/resources", Map.of("id", "r", "partitions", 6,
                "replication_factor", 2)).status()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        beats.shutdownNow();
        s.close();
    }

    private JsonNode shards() {
        return s.get("/api/v1/workspaces/default/resources/r/map").json().at("/data/shards");
    }

    private long leaderCount(String node) {
        long n = 0;
        for (JsonNode shard : shards()) {
            if (shard.at("/replicas/0/node_id").asText().equals(node)) {
                n++;
            }
        }
        return n;
    }

    private long replicaCount(String node) {
        return shards().findValuesAsText("node_id").stream().filter(node::equals).count();
    }

    private String status(String node) {
        return s.get("/api/v1/workspaces/default/nodes/" + node).json().at("/data/status").asText();
    }

    @Test
    void leadershipMovesAtOnceAndDataAfterTheDelay() {
        assertThat(leaderCount("d1")).isPositive();
        long replicasBefore = replicaCount("d1");
        alive.remove("d1");
        Poll.until("d1 inactive", 15_000, () -> status("d1").equals("inactive"));
        Poll.until("no shard led by d1", 10_000, () -> leaderCount("d1") == 0);
        // Within the delay the inactive node keeps its replicas, as followers.
        assertThat(replicaCount("d1")).isEqualTo(replicasBefore);
        Poll.until("d1 evacuated after the delay", REPLACEMENT_DELAY_MS + 15_000, () -> replicaCount("d1") == 0);
        for (JsonNode shard : shards()) {
            assertThat(shard.get("replicas")).hasSize(2);
        }
        var events = s.get("/api/v1/workspaces/default/events?limit=1000").json().get("data");
        assertThat(events.findValuesAsText("message")).anyMatch(m -> m.contains("leader failover"))
                .anyMatch(m -> m.contains("re-placement"));
    }

    @Test
    void clusterMaintenanceFreezesReplacementButNotFailover() throws Exception {
        var on = s.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", true, "reason", "network work"),
                s.adminToken());
        assertThat(on.status()).as(on.raw()).isEqualTo(200);
        assertThat(on.json().at("/data/enabled").asBoolean()).isTrue();
        assertThat(on.json().at("/data/reason").asText()).isEqualTo("network work");
        long replicasBefore = replicaCount("d2");
        alive.remove("d2");
        Poll.until("d2 inactive", 15_000, () -> status("d2").equals("inactive"));
        Poll.until("no shard led by d2", 10_000, () -> leaderCount("d2") == 0);
        Thread.sleep(REPLACEMENT_DELAY_MS + 1_500);
        assertThat(replicaCount("d2")).as("frozen during maintenance").isEqualTo(replicasBefore);

        var off = s.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", false), s.adminToken());
        assertThat(off.json().at("/data/enabled").asBoolean()).isFalse();
        Poll.until("d2 evacuated after maintenance", 15_000, () -> replicaCount("d2") == 0);
        var reasons = s.get("/api/v1/workspaces/default/events?limit=1000").json().get("data")
                .findValuesAsText("reason");
        assertThat(reasons).contains("cluster.maintenance_started", "cluster.maintenance_ended");
        assertThat(s.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", true), s.adminToken()).status())
                .isEqualTo(400);
    }
}
