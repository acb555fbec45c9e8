package io.corral.example.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.agent.moves.MoveWorkerSettings;
import io.corral.client.CorralClient;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference nodes in this JVM with a real coordinator: moves of a staged resource under concurrent writes
 * through the routing client lose no acknowledged write; a donor that exported a snapshot refuses writers
 * whose map predates the target; an old source refuses a writer whose map predates the move.
 */
class KvClusterTest {
    private static final String RES = "kv.t";
    @TempDir
    Path dir;
    TestServer server;
    final List<KvNode> nodes = new ArrayList<>();
    CorralClient corral;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(TestServer.config(dir.resolve("coordinator"), 500, 600_000, 1_000));
        corral = CorralClient.builder().baseUrl(server.url()).token(server.adminToken()).timeoutMs(15_000).build();
        for (String id : List.of("n1", "n2", "n3")) {
            nodes.add(KvNode.start(new KvNode.Settings(URI.create(server.url()), server.adminToken(), "default", id,
                    "zone-" + id, "127.0.0.1", 0, dir.resolve(id), 8, MoveWorkerSettings.DEFAULT.withPollIntervalMs(50))));
        }
        Poll.until("nodes registered", 30_000, () -> nodes.stream().allMatch(KvNode::registered));
        var r = server.post("/api/v1/workspaces/default/resources", Map.of("id", RES, "partitions", 8,
                "replication_factor", 2, "data_movement", "staged"));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        Poll.until("every shard placed twice", 30_000, () -> {
            JsonNode shards = map().get("shards");
            if (shards.size() != 8) {
                return false;
            }
            for (JsonNode s : shards) {
                if (s.get("replicas").size() != 2) {
                    return false;
                }
            }
            return true;
        });
    }

    @AfterEach
    void stop() {
        nodes.forEach(KvNode::close);
        server.close();
    }

    private JsonNode map() {
        return server.get("/api/v1/workspaces/default/resources/" + RES + "/map").json().get("data");
    }

    private static java.util.Optional<String> nodeNotIn(JsonNode shard) {
        List<String> holders = shard.get("replicas").findValuesAsText("node_id");
        return List.of("n1", "n2", "n3").stream().filter(n -> !holders.contains(n)).findFirst();
    }

    /**
     * Moves the shard's first replica to the node that does not hold it and waits until the move is done.
     * The rebalancer may be moving the shard itself (after earlier moves unbalanced the nodes): then the
     * request is refused with 409 and made again once that move has ended.
     */
    private String move(int shard) {
        String[] id = new String[1];
        Poll.until("a move of shard " + shard + " started", 60_000, () -> {
            JsonNode s = map().get("shards").get(shard);
            java.util.Optional<String> target = nodeNotIn(s);
            if (target.isEmpty()) {
                return false;
            }
            var r = server.post("/api/v1/workspaces/default/moves", Map.of("resource_id", RES, "shard_id", shard,
                    "source_node", s.at("/replicas/0/node_id").asText(), "target_node", target.get()));
            assertThat(r.status()).as(r.raw()).isIn(202, 409);
            id[0] = r.json().at("/data/id").asText();
            return r.status() == 202;
        });
        Poll.until("move " + id[0] + " done", 60_000, () -> server.get("/api/v1/workspaces/default/moves/" + id[0])
                .json().at("/data/phase").asText().equals("done"));
        return id[0];
    }

    @Test
    void movesUnderConcurrentWritesLoseNoAcknowledgedWrite() throws Exception {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> errors = new ArrayList<>();
        try (RoutingClient client = RoutingClient.start(corral, "default", RES, 2_000, 30_000)) {
            Thread writer = new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    String key = "key-" + (i % 300);
                    try {
                        RoutingClient.Ack a = client.put(key, "value-" + i);
                        acked.put(key, a.version());
                    } catch (Exception e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                        return;
                    }
                }
            });
            writer.start();
            Poll.until("some writes", 30_000, () -> acked.size() >= 300);
            for (int shard = 0; shard < 8; shard++) {
                move(shard);
            }
            stop.set(true);
            writer.join();
            assertThat(errors).isEmpty();

            for (Map.Entry<String, Long> e : acked.entrySet()) {
                Entry read = client.get(e.getKey()).orElseThrow();
                assertThat(read.version()).as(e.getKey()).isGreaterThanOrEqualTo(e.getValue());
            }
            // The sources dropped their copies; every replica in the map holds every acknowledged write.
            for (JsonNode s : map().get("shards")) {
                for (JsonNode rep : s.get("replicas")) {
                    assertThat(rep.get("state").asText()).isEqualTo("active");
                }
            }
        }
    }

    @Test
    void anOldSourceRefusesAWriterWhoseMapPredatesTheMove() throws Exception {
        JsonNode before = map();
        JsonNode shard0 = before.get("shards").get(0);
        String source = shard0.at("/replicas/0/node_id").asText();
        String sourceUrl = shard0.at("/replicas/0/url").asText();
        move(0);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sourceUrl
                + "/kv/" + RES + "/0/late")).header(KvHttpApi.VERSION_HEADER, "1")
                .header(KvHttpApi.MAP_VERSION_HEADER, before.get("version").asText())
                .PUT(HttpRequest.BodyPublishers.ofString("lost?")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(source + " answered " + r.body()).isEqualTo(409);
        assertThat(r.body()).contains("NOT_HELD");
        try (RoutingClient client = RoutingClient.start(corral, "default", RES, 2_000, 30_000)) {
            String key = "late";
            for (int i = 0; client.shardOf(key) != 0; i++) {
                key = "late-" + i;
            }
            client.put(key, "stored");
            assertThat(client.get(key).orElseThrow().value()).isEqualTo("stored");
        }
    }

    @Test
    void onceATargetCopiedASnapshotTheDonorRefusesWritersWithAnOlderMap() throws Exception {
        // Maintenance mode keeps the rebalancer from moving shards onto the extra node by itself.
        assertThat(server.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", true, "reason", "test"),
                server.adminToken()).status()).isEqualTo(200);
        // The test plays the target: an unmonitored node without a process.
        assertThat(server.post("/api/v1/workspaces/default/nodes", Map.of("id", "t", "monitored", false,
                "url", "http://127.0.0.1:9")).status()).isEqualTo(201);
        JsonNode shard = map().get("shards").get(1);
        String donor = shard.at("/replicas/0/node_id").asText();
        String donorUrl = shard.at("/replicas/0/url").asText();
        var started = server.post("/api/v1/workspaces/default/moves", Map.of("resource_id", RES, "shard_id", 1,
                "source_node", donor, "target_node", "t"));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String moveId = started.json().at("/data/id").asText();
        long fence = map().get("version").asLong();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<byte[]> snap = http.send(HttpRequest.newBuilder(URI.create(donorUrl
                + "/corral/moves/v1/snapshot?move_id=" + moveId + "&resource_id=" + RES + "&shard_id=1&fence_version="
                + fence)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(snap.statusCode()).isEqualTo(200);
        HttpResponse<String> notTheDonor = http.send(HttpRequest.newBuilder(URI.create(donorUrl
                + "/corral/moves/v1/snapshot?move_id=" + moveId + "&resource_id=" + RES + "&shard_id=2&fence_version="
                + fence)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(notTheDonor.statusCode()).isEqualTo(409);

        HttpResponse<String> stale = put(http, donorUrl, "k", fence - 1);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("STALE_MAP").contains("\"fence_version\":" + fence);
        assertThat(put(http, donorUrl, "k", fence).statusCode()).isEqualTo(204);
        assertThat(server.call("DELETE", "/api/v1/workspaces/default/moves/" + moveId, null, server.adminToken())
                .status()).isEqualTo(200);
    }

    private static HttpResponse<String> put(HttpClient http, String url, String key, long mapVersion) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + "/kv/" + RES + "/1/" + key))
                .header(KvHttpApi.VERSION_HEADER, Long.toString(System.currentTimeMillis() * 1000))
                .header(KvHttpApi.MAP_VERSION_HEADER, Long.toString(mapVersion))
                .PUT(HttpRequest.BodyPublishers.ofString("v")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
