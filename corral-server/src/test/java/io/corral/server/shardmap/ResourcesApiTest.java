package io.corral.server.shardmap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources, their placed maps, ETags, what-if plans and the seed 000 sharding endpoint. */
class ResourcesApiTest {
    @TempDir
    static Path dir;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(TestServer.config(dir, 1_000, 600_000, 30_000));
        for (int i = 1; i <= 4; i++) {
            assertThat(s.post("/api/v1/workspaces/default/nodes", Map.of("id", "d" + i, "zone", "z" + (i % 2),
                    "role", "data", "url", "http://127.0.0.1:" + (9000 + i))).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static JsonNode map(String id) {
        var r = s.get("/api/v1/workspaces/default/resources/" + id + "/map");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().get("data");
    }

    @Test
    void aNewResourceIsPlacedWithDistinctNodesAndZones() {
        var created = s.post("/api/v1/workspaces/default/resources", Map.of("id", "metrics.cpu", "shard_keys",
                List.of("host"), "partitions", 8, "replication_factor", 2));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().at("/data/routing").asText()).isEqualTo("partitioned");
        JsonNode map = map("metrics.cpu");
        assertThat(map.get("shards")).hasSize(8);
        for (JsonNode shard : map.get("shards")) {
            JsonNode replicas = shard.get("replicas");
            assertThat(replicas).hasSize(2);
            assertThat(replicas.get(0).get("role").asText()).isEqualTo("leader");
            assertThat(replicas.get(1).get("role").asText()).isEqualTo("follower");
            assertThat(replicas.get(0).get("node_id").asText()).isNotEqualTo(replicas.get(1).get("node_id").asText());
            assertThat(replicas.get(0).get("zone").asText()).isNotEqualTo(replicas.get(1).get("zone").asText());
            assertThat(replicas.get(0).get("url").asText()).startsWith("http://127.0.0.1:90");
        }
    }

    @Test
    void mapsCarryAnETagAndAnIndex() {
        s.post("/api/v1/workspaces/default/resources", Map.of("id", "etag.t", "partitions", 2));
        var first = s.get("/api/v1/workspaces/default/resources/etag.t/map");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + first.json().at("/data/version").asLong() + "\"");
        var again = s.call("GET", "/api/v1/workspaces/default/resources/etag.t/map", null, s.adminToken());
        assertThat(again.headers().firstValue("X-Corral-Index")).isPresent();
        var cached = get("/api/v1/workspaces/default/resources/etag.t/map", etag);
        assertThat(cached).isEqualTo(304);
        s.call("PATCH", "/api/v1/workspaces/default/resources/etag.t", Map.of("partitions", 3), s.adminToken());
        assertThat(get("/api/v1/workspaces/default/resources/etag.t/map", etag)).isEqualTo(200);
        assertThat(map("etag.t").get("shards")).hasSize(3);
    }

    private static int get(String path, String ifNoneMatch) {
        try {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.url() + path))
                    .header("Authorization", "Bearer " + s.adminToken()).header("If-None-Match", ifNoneMatch).build();
            return java.net.http.HttpClient.newHttpClient().send(req,
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resourceBadInputIs400AndChangesNothing() {
        long before = s.server().controller().image().appliedIndex();
        String path = "/api/v1/workspaces/default/resources";
        assertThat(s.post(path, Map.of("id", "bad", "partitions", 0)).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "replication_factor", 99)).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "routing", "random")).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "min_active_replicas", 3, "replication_factor", 2)).status())
                .isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "tolerations", List.of(Map.of("key", "k", "operator", "Maybe"))))
                .status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad id!")).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "shard_keys", List.of("a", "a"))).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("id", "bad", "time_slice", "soon")).status()).isEqualTo(400);
        assertThat(s.post(path, Map.of("partitions", 1)).status()).isEqualTo(400);
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
        s.post(path, Map.of("id", "dup.t"));
        var dup = s.post(path, Map.of("id", "dup.t"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().at("/error/code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        assertThat(s.get(path + "/missing").status()).isEqualTo(404);
    }

    @Test
    void deletingAResourceRemovesItsMap() {
        s.post("/api/v1/workspaces/default/resources", Map.of("id", "gone.t", "partitions", 2));
        assertThat(s.call("DELETE", "/api/v1/workspaces/default/resources/gone.t", null, s.adminToken()).status())
                .isEqualTo(204);
        assertThat(s.get("/api/v1/workspaces/default/resources/gone.t/map").status()).isEqualTo(404);
        var ws = s.get("/api/v1/workspaces/default/shardmap").json().at("/data/resources");
        assertThat(ws.findValuesAsText("resource_id")).doesNotContain("gone.t");
    }

    @Test
    void whatIfPlansChangeNothing() {
        s.post("/api/v1/workspaces/default/resources", Map.of("id", "plan.t", "partitions", 16,
                "replication_factor", 2));
        // Freeze re-placement, so the rebalancer cannot write while we check that plans write nothing.
        s.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", true, "reason", "what-if test"),
                s.adminToken());
        long before = s.server().controller().image().appliedIndex();
        var add = s.post("/api/v1/workspaces/default/shardmap/plan", Map.of("add_nodes",
                List.of(Map.of("id", "new-1", "zone", "z0"))));
        assertThat(add.status()).as(add.raw()).isEqualTo(200);
        JsonNode moves = add.json().at("/data/moves");
        assertThat(moves.size()).isGreaterThan(0);
        for (JsonNode m : moves) {
            assertThat(m.get("to").asText()).isEqualTo("new-1");
        }
        var remove = s.post("/api/v1/workspaces/default/shardmap/plan", Map.of("remove_nodes", List.of("d1")));
        Set<String> from = new HashSet<>(remove.json().at("/data/moves").findValuesAsText("from"));
        assertThat(from).containsOnly("d1");
        var zoneDown = s.post("/api/v1/workspaces/default/shardmap/plan", Map.of("zones_down", List.of("z1")));
        JsonNode zoneMoves = zoneDown.json().at("/data/moves");
        assertThat(zoneMoves.size()).isGreaterThan(0);
        assertThat(new HashSet<>(zoneMoves.findValuesAsText("from"))).isSubsetOf("d1", "d3");
        assertThat(new HashSet<>(zoneMoves.findValuesAsText("to"))).isSubsetOf("d2", "d4");
        var bigger = s.post("/api/v1/workspaces/default/shardmap/plan?include_map=true",
                Map.of("resources", Map.of("plan.t", Map.of("partitions", 20))));
        assertThat(bigger.json().at("/data/target/plan.t").size()).isEqualTo(20);
        assertThat(s.post("/api/v1/workspaces/default/shardmap/plan", Map.of("resources", Map.of("nope",
                Map.of("partitions", 2)))).status()).isEqualTo(404);
        assertThat(s.post("/api/v1/workspaces/default/shardmap/plan", Map.of("add_nodes", "x")).status())
                .isEqualTo(400);
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
        s.call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", false), s.adminToken());
    }

    @Test
    void influxShardingUpdatesARealTableResource() {
        s.post("/api/v1/workspaces/default/resources", Map.of("id", "my_database.my_table", "shard_keys",
                List.of("tagA"), "partitions", 1));
        String path = "/api/v3/cluster/tables/sharding";
        var ok = s.call("PUT", path, Map.of("db_name", "my_database", "table_name", "my_table", "shard_keys",
                List.of("tagA", "tagB"), "num_hash_partitions", 4), s.adminToken());
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("table sharding configuration updated");
        JsonNode r = s.get("/api/v1/workspaces/default/resources/my_database.my_table").json().get("data");
        assertThat(r.get("partitions").asInt()).isEqualTo(4);
        assertThat(r.get("shard_keys").toString()).isEqualTo("[\"tagA\",\"tagB\"]");
        assertThat(map("my_database.my_table").get("shards")).hasSize(4);

        assertThat(s.call("PUT", path, "{\"db_name\":\"my_database\",\"table_name\":\"my_table\","
                + "\"num_hash_partitions\":null}", s.adminToken()).status()).isEqualTo(200);
        assertThat(s.get("/api/v1/workspaces/default/resources/my_database.my_table").json()
                .at("/data/partitions").asInt()).isEqualTo(4);
        assertThat(s.call("PUT", path, Map.of("db_name", "my_database", "table_name", "my_table", "shard_keys",
                List.of()), s.adminToken()).status()).isEqualTo(200);
        assertThat(s.get("/api/v1/workspaces/default/resources/my_database.my_table").json()
                .at("/data/shard_keys").size()).isZero();

        var zero = s.call("PUT", path, Map.of("db_name", "my_database", "table_name", "my_table",
                "num_hash_partitions", 0), s.adminToken());
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("error").asText()).contains("num_hash_partitions");
        assertThat(s.call("PUT", path, Map.of("db_name", "my_database"), s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PUT", path, Map.of("db_name", "nope", "table_name", "t"), s.adminToken()).status())
                .isEqualTo(404);
    }
}
