package io.corral.server.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 000: /api/v3/cluster/nodes with every documented status code. */
class InfluxNodesApiTest {
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

    private static JsonNode find(JsonNode array, long id) {
        for (JsonNode n : array) {
            if (n.get("id").asLong() == id) {
                return n;
            }
        }
        return null;
    }

    @Test
    void addListUpdateStatusAndRemove() {
        long beforeMs = System.currentTimeMillis();
        var added = s.post("/api/v3/cluster/nodes", Map.of("id", 123, "rpc_address", "node1.example.com:8082",
                "http_address", "node1.example.com:8081", "status", "Active", "created_at", 0, "updated_at", 0));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.json().get("id").asLong()).isEqualTo(123);
        assertThat(added.json().get("status").asText()).isEqualTo("Active");
        assertThat(added.json().get("rpc_address").asText()).isEqualTo("node1.example.com:8082");
        long createdNs = added.json().get("created_at").asLong();
        assertThat(createdNs).isGreaterThanOrEqualTo(beforeMs * 1_000_000L);
        assertThat(added.json().get("updated_at").asLong()).isGreaterThanOrEqualTo(createdNs);

        var list = s.get("/api/v3/cluster/nodes");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().isArray()).isTrue();
        assertThat(find(list.json(), 123).get("http_address").asText()).isEqualTo("node1.example.com:8081");

        var updated = s.call("PUT", "/api/v3/cluster/nodes/123/status", Map.of("status", "Inactive"), s.adminToken());
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("status").asText()).isEqualTo("updated");
        assertThat(find(s.get("/api/v3/cluster/nodes").json(), 123).get("status").asText()).isEqualTo("Inactive");

        var removed = s.call("DELETE", "/api/v3/cluster/nodes/123", null, s.adminToken());
        assertThat(removed.status()).isEqualTo(204);
        assertThat(find(s.get("/api/v3/cluster/nodes").json(), 123)).isNull();
    }

    @Test
    void aNodeWithAStringIdShowsItsSequenceNumber() {
        var native_ = s.post("/api/v1/workspaces/default/nodes", Map.of("id", "web-7", "rpc_address", "w7:8082"));
        long seq = native_.json().at("/data/seq").asLong();
        JsonNode def = find(s.get("/api/v3/cluster/nodes").json(), seq);
        assertThat(def).isNotNull();
        assertThat(def.get("rpc_address").asText()).isEqualTo("w7:8082");
        assertThat(s.call("PUT", "/api/v3/cluster/nodes/" + seq + "/status", Map.of("status", "Draining"),
                s.adminToken()).status()).isEqualTo(200);
        assertThat(s.get("/api/v1/workspaces/default/nodes/web-7").json().at("/data/status").asText())
                .isEqualTo("draining");
    }

    @Test
    void duplicateIdIs409() {
        assertThat(s.post("/api/v3/cluster/nodes", Map.of("id", 500, "status", "Active")).status()).isEqualTo(201);
        var dup = s.post("/api/v3/cluster/nodes", Map.of("id", 500, "status", "Active"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("error").asText()).contains("500");
    }

    @Test
    void invalidPayloadsAre400AndChangeNothing() {
        long before = s.server().controller().image().appliedIndex();
        assertThat(s.post("/api/v3/cluster/nodes", Map.of("rpc_address", "x:1")).status()).isEqualTo(400);
        assertThat(s.post("/api/v3/cluster/nodes", Map.of("id", "abc")).status()).isEqualTo(400);
        assertThat(s.post("/api/v3/cluster/nodes", Map.of("id", -1)).status()).isEqualTo(400);
        assertThat(s.post("/api/v3/cluster/nodes", Map.of("id", 9, "status", "Sleeping")).status()).isEqualTo(400);
        assertThat(s.post("/api/v3/cluster/nodes", "{not json").status()).isEqualTo(400);
        assertThat(s.post("/api/v3/cluster/nodes", "{\"id\": 18446744073709551616}").status()).isEqualTo(400);
        assertThat(s.call("DELETE", "/api/v3/cluster/nodes/abc", null, s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("PUT", "/api/v3/cluster/nodes/x/status", Map.of("status", "Active"), s.adminToken())
                .status()).isEqualTo(400);
        var missing = s.call("PUT", "/api/v3/cluster/nodes/" + s.server().controller().image().nodes().values()
                .iterator().next().u64Id() + "/status", Map.of(), s.adminToken());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).contains("status");
        assertThat(s.server().controller().image().appliedIndex()).isEqualTo(before);
    }

    @Test
    void unknownIdsAre404() {
        var del = s.call("DELETE", "/api/v3/cluster/nodes/987654321", null, s.adminToken());
        assertThat(del.status()).isEqualTo(404);
        assertThat(del.json().get("code").asText()).isEqualTo("NODE_NOT_FOUND");
        assertThat(s.call("PUT", "/api/v3/cluster/nodes/987654321/status", Map.of("status", "Active"), s.adminToken())
                .status()).isEqualTo(404);
    }

    @Test
    void largestU64IdWorks() {
        var added = s.post("/api/v3/cluster/nodes", "{\"id\": 18446744073709551615, \"status\": \"Active\"}");
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.raw()).contains("18446744073709551615");
        assertThat(s.call("DELETE", "/api/v3/cluster/nodes/18446744073709551615", null, s.adminToken()).status())
                .isEqualTo(204);
    }
}
