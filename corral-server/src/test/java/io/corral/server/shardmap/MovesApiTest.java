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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staged moves on a real server: seed 000's move API, the native API, cancel, drain and removal. */
class MovesApiTest {
    @TempDir
    Path dir;
    TestServer s;
    ScheduledExecutorService agent;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir);
        for (String id : List.of("a", "b", "c", "d")) {
            assertThat(s.post("/api/v1/workspaces/default/nodes", Map.of("id", id, "zone", "zone-" + id)).status())
                    .isEqualTo(201);
        }
        var r = s.post("/api/v1/workspaces/default/resources", Map.of("id", "db.t", "partitions", 6,
                "replication_factor", 2, "data_movement", "staged"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        assertThat(r.json().at("/data/data_movement").asText()).isEqualTo("staged");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.shutdownNow();
        }
        s.close();
    }

    private JsonNode shard(int id) {
        return s.get("/api/v1/workspaces/default/resources/db.t/map").json().at("/data/shards/" + id);
    }

    private String nodeNotIn(JsonNode shard) {
        List<String> holders = shard.get("replicas").findValuesAsText("node_id");
        return List.of("a", "b", "c", "d").stream().filter(n -> !holders.contains(n)).findFirst().orElseThrow();
    }

    private long seq(String node) {
        return s.get("/api/v1/workspaces/default/nodes/" + node).json().at("/data/seq").asLong();
    }

    private JsonNode move(String id) {
        return s.get("/api/v1/workspaces/default/moves/" + id).json().get("data");
    }

    @Test
    void seed000MoveAndStepsMoveTheShardsPrimary() {
        JsonNode before = shard(0);
        String primary = before.at("/replicas/0/node_id").asText();
        String target = nodeNotIn(before);
        var started = s.post("/api/v3/cluster/shards/move", Map.of("db_name", "db", "table_name", "t",
                "shard_id_str", "0", "target_node_id_str", Long.toString(seq(target))));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.json().get("status").asText()).isEqualTo("shard move initiated");
        String moveId = started.json().get("move_id").asText();
        assertThat(move(moveId).get("shard_status").asText()).isEqualTo("MigratingSnapshot");

        Map<String, String> shard0 = Map.of("db_name", "db", "table_name", "t", "shard_id_str", "0");
        var snap = s.post("/api/v3/cluster/shards/complete_snapshot_transfer", shard0);
        assertThat(snap.status()).as(snap.raw()).isEqualTo(200);
        assertThat(snap.json().get("shard_status").asText()).isEqualTo("MigratingWAL");
        assertThat(s.post("/api/v3/cluster/shards/complete_wal_sync", shard0).json().get("shard_status").asText())
                .isIn("AwaitingCutover", "Stable");
        // The supervisor cuts over once the target has caught up; complete_cutover is then a no-op.
        Poll.until("cut over", 10_000, () -> move(moveId).get("phase").asText().equals("cleanup"));
        assertThat(s.post("/api/v3/cluster/shards/complete_cutover", shard0).status()).isEqualTo(200);
        assertThat(shard(0).at("/replicas/0/node_id").asText()).isEqualTo(target);
        assertThat(s.post("/api/v3/cluster/shards/complete_cleanup", shard0).json().get("shard_status").asText())
                .isEqualTo("Cleaned");
        assertThat(shard(0).get("replicas").findValuesAsText("node_id")).doesNotContain(primary).contains(target);
        assertThat(move(moveId).get("phase").asText()).isEqualTo("done");
    }

    @Test
    void seed000MoveRejectsBadInput() {
        String path = "/api/v3/cluster/shards/move";
        assertThat(s.post(path, Map.of("db_name", "db", "table_name", "t", "shard_id_str", "x",
                "target_node_id_str", "1")).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("db_name", "db", "table_name", "t", "shard_id_str", "0")).status())
                .isEqualTo(400);
        assertThat(s.post(path, Map.of("db_name", "nope", "table_name", "t", "shard_id_str", "0",
                "target_node_id_str", "1")).status()).isEqualTo(404);
        assertThat(s.post(path, Map.of("db_name", "db", "table_name", "t", "shard_id_str", "77",
                "target_node_id_str", "1")).status()).isEqualTo(404);
        assertThat(s.post(path, Map.of("db_name", "db", "table_name", "t", "shard_id_str", "0",
                "target_node_id_str", "999999")).status()).isEqualTo(404);
        var noMove = s.post("/api/v3/cluster/shards/complete_wal_sync", Map.of("db_name", "db", "table_name", "t",
                "shard_id_str", "1"));
        assertThat(noMove.status()).isEqualTo(409);
        assertThat(noMove.json().get("error").asText()).contains("not moving");
    }

    @Test
    void aNativeMoveCanBeCancelledBeforeItsCutover() {
        JsonNode before = shard(1);
        var started = s.post("/api/v1/workspaces/default/moves", Map.of("resource_id", "db.t", "shard_id", 1,
                "source_node", before.at("/replicas/1/node_id").asText(), "target_node", nodeNotIn(before)));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String id = started.json().at("/data/id").asText();
        var progress = s.post("/api/v1/workspaces/default/moves/" + id + "/steps", Map.of("step", "progress",
                "bytes_done", 25, "bytes_total", 100));
        assertThat(progress.json().at("/data/progress/fraction").asDouble()).isEqualTo(0.25);
        var cancelled = s.call("DELETE", "/api/v1/workspaces/default/moves/" + id, null, s.adminToken());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().at("/data/phase").asText()).isEqualTo("cancelled");
        assertThat(shard(1).get("replicas")).isEqualTo(before.get("replicas"));
        assertThat(s.post("/api/v1/workspaces/default/moves/" + id + "/steps", Map.of("step", "bogus")).status())
                .isEqualTo(400);
        assertThat(s.get("/api/v1/workspaces/default/moves/m999").status()).isEqualTo(404);
        assertThat(s.get("/api/v1/workspaces/default/moves?state=finished").json().at("/data/0/id").asText())
                .isEqualTo(id);
    }

    @Test
    void aReportNamesTheAttemptItIsAboutAndOneAboutAnotherIsRefused() {
        JsonNode before = shard(2);
        var started = s.post("/api/v1/workspaces/default/moves", Map.of("resource_id", "db.t", "shard_id", 2,
                "source_node", before.at("/replicas/1/node_id").asText(), "target_node", nodeNotIn(before)));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String steps = "/api/v1/workspaces/default/moves/" + started.json().at("/data/id").asText() + "/steps";
        assertThat(started.json().at("/data/attempt").asInt()).isEqualTo(1);
        for (Map<String, Object> bad : List.<Map<String, Object>>of(
                Map.of("step", "fail", "attempt", 1),
                Map.of("step", "fail", "phase", "snapshot"),
                Map.of("step", "fail", "phase", "done", "attempt", 1),
                Map.of("step", "fail", "phase", "snapshot", "attempt", 0),
                Map.of("step", "complete_wal_sync", "phase", "snapshot", "attempt", 1))) {
            var r = s.post(steps, bad);
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
        }
        var stale = s.post(steps, Map.of("step", "fail", "phase", "snapshot", "attempt", 2, "error", "late"));
        assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
        assertThat(stale.raw()).contains("attempt 1", "is over");
        var done = s.post(steps, Map.of("step", "complete_snapshot_transfer", "attempt", 1));
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json().at("/data/phase").asText()).isEqualTo("catch_up");
        assertThat(s.post(steps, Map.of("step", "fail", "phase", "snapshot", "attempt", 1)).status()).isEqualTo(409);
        var failed = s.post(steps, Map.of("step", "fail", "phase", "catch_up", "attempt", 1, "error", "disk full"));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().at("/data/attempt").asInt()).isEqualTo(2);
        assertThat(s.call("DELETE", steps.replace("/steps", ""), null, s.adminToken()).status()).isEqualTo(200);
    }

    /** Plays every node's part: reports each step of every move under way, as an agent would. */
    private void runAgents() {
        agent = Executors.newSingleThreadScheduledExecutor();
        agent.scheduleWithFixedDelay(() -> {
            try {
                for (JsonNode m : s.get("/api/v1/workspaces/default/moves?state=active").json().get("data")) {
                    String step = switch (m.get("phase").asText()) {
                        case "snapshot" -> "complete_snapshot_transfer";
                        case "catch_up" -> "complete_wal_sync";
                        case "cleanup" -> "complete_cleanup";
                        default -> null;
                    };
                    if (step != null) {
                        s.post("/api/v1/workspaces/default/moves/" + m.get("id").asText() + "/steps",
                                Map.of("step", step));
                    }
                }
            } catch (RuntimeException e) {
                // the next round tries again
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Test
    void drainingMovesEveryReplicaAwayThenTheNodeCanBeRemoved() {
        String node = shard(0).at("/replicas/0/node_id").asText();
        var refused = s.call("DELETE", "/api/v1/workspaces/default/nodes/" + node, null, s.adminToken());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().at("/error/code").asText()).isEqualTo("NODE_HOLDS_DATA");

        var drain = s.post("/api/v1/workspaces/default/nodes/" + node + "/drain", null);
        assertThat(drain.status()).isEqualTo(202);
        assertThat(drain.json().at("/data/status").asText()).isEqualTo("draining");
        runAgents();
        Poll.until(node + " drained", 60_000, () -> s.get("/api/v1/workspaces/default/nodes/" + node).json()
                .at("/data/status").asText().equals("drained"));
        JsonNode shards = s.get("/api/v1/workspaces/default/resources/db.t/map").json().at("/data/shards");
        assertThat(shards.findValuesAsText("node_id")).doesNotContain(node);
        for (JsonNode sh : shards) {
            assertThat(sh.get("replicas")).hasSize(2);
        }
        var moves = s.get("/api/v1/workspaces/default/moves?state=finished&node_id=" + node).json().get("data");
        assertThat(moves.size()).isPositive();
        assertThat(moves.findValuesAsText("phase")).containsOnly("done");
        assertThat(s.call("DELETE", "/api/v1/workspaces/default/nodes/" + node, null, s.adminToken()).status())
                .isEqualTo(204);
    }
}
