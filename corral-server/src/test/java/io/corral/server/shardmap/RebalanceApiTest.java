package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebalance operations over staged moves: balance moves wait for one, it reports progress, it can be cancelled. */
class RebalanceApiTest {
    @TempDir
    Path dir;
    TestServer s;
    ScheduledExecutorService agent;
    final AtomicBoolean agentsWork = new AtomicBoolean(true);

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir);
        for (String id : List.of("a", "b", "c")) {
            s.post("/api/v1/workspaces/default/nodes", Map.of("id", id, "zone", "zone-" + id));
        }
        assertThat(s.post("/api/v1/workspaces/default/resources", Map.of("id", "kv", "partitions", 12,
                "replication_factor", 2, "data_movement", "staged")).status()).isEqualTo(201);
        agent = Executors.newSingleThreadScheduledExecutor();
        agent.scheduleWithFixedDelay(this::playAgents, 0, 100, TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void stop() {
        agent.shutdownNow();
        s.close();
    }

    /** Reports every step of every move under way, as the nodes' agents would. */
    private void playAgents() {
        if (!agentsWork.get()) {
            return;
        }
        try {
            for (JsonNode m : s.get("/api/v1/workspaces/default/moves?state=active").json().get("data")) {
                String step = switch (m.get("phase").asText()) {
                    case "snapshot" -> "complete_snapshot_transfer";
                    case "catch_up" -> "complete_wal_sync";
                    case "cleanup" -> "complete_cleanup";
                    default -> null;
                };
                if (step != null) {
                    s.post("/api/v1/workspaces/default/moves/" + m.get("id").asText() + "/steps", Map.of("step", step));
                }
            }
        } catch (RuntimeException e) {
            // next round
        }
    }

    private long replicasOn(String node) {
        return s.get("/api/v1/workspaces/default/resources/kv/map").json().at("/data/shards")
                .findValuesAsText("node_id").stream().filter(node::equals).count();
    }

    private JsonNode rebalance() {
        return s.get("/api/v1/workspaces/default/rebalance").json().get("data");
    }

    @Test
    void aNewNodeGetsItsShareOnlyThroughARebalance() throws Exception {
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "d", "zone", "zone-d"));
        Thread.sleep(1_500);
        assertThat(replicasOn("d")).as("balance moves wait for a rebalance").isZero();
        assertThat(s.get("/api/v1/workspaces/default/moves").json().get("data")).isEmpty();

        var started = s.post("/api/v1/workspaces/default/rebalance", null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String id = started.json().at("/data/id").asText();
        assertThat(started.json().at("/data/state").asText()).isEqualTo("running");
        Poll.until("rebalance done", 60_000, () -> rebalance().get("state").asText().equals("done"));
        assertThat(replicasOn("d")).isGreaterThanOrEqualTo(5);
        JsonNode progress = rebalance().get("progress");
        assertThat(progress.get("moves_done").asLong()).isEqualTo(replicasOn("d"));
        assertThat(progress.get("moves_active").asLong()).isZero();
        assertThat(rebalance().get("id").asText()).isEqualTo(id);
        var events = s.get("/api/v1/workspaces/default/events?limit=1000").json().get("data").findValuesAsText("reason");
        assertThat(events).contains("rebalance.running", "rebalance.done", "move.created", "move.done");
    }

    @Test
    void applyStartsARebalanceForStagedResourcesInsteadOfFlippingTheMap() throws Exception {
        agentsWork.set(false);
        JsonNode before = s.get("/api/v1/workspaces/default/resources/kv/map").json().at("/data/shards");
        s.post("/api/v1/workspaces/default/nodes", Map.of("id", "d", "zone", "zone-d"));
        var applied = s.post("/api/v1/workspaces/default/shardmap/apply", null);
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
        String rebalanceId = applied.json().at("/data/rebalance_id").asText();
        assertThat(rebalanceId).startsWith("op");
        Poll.until("moves started", 20_000, () -> rebalance().at("/progress/moves_active").asLong() > 0);
        // Targets join; nothing flips before the moves complete (the agents are paused).
        JsonNode joining = s.get("/api/v1/workspaces/default/resources/kv/map").json().at("/data/shards");
        long onD = 0;
        for (JsonNode shard : joining) {
            for (JsonNode r : shard.get("replicas")) {
                if (r.get("node_id").asText().equals("d")) {
                    assertThat(r.get("state").asText()).isEqualTo("joining");
                    onD++;
                }
            }
        }
        assertThat(onD).isPositive();

        var cancelled = s.call("DELETE", "/api/v1/workspaces/default/rebalance", null, s.adminToken());
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.json().at("/data/state").asText()).isEqualTo("cancelled");
        assertThat(replicasOn("d")).isZero();
        assertThat(s.get("/api/v1/workspaces/default/resources/kv/map").json().at("/data/shards")).isEqualTo(before);
        assertThat(s.get("/api/v1/workspaces/default/moves?state=active").json().get("data")).isEmpty();
        assertThat(s.call("DELETE", "/api/v1/workspaces/default/rebalance", null, s.adminToken()).status())
                .isEqualTo(409);
    }
}
