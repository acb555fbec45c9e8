package io.corral.server.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.corral.server.it.TestServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

/** Seed 003: the Quiver coordinator's /cluster/* API over a rendezvous resource. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuiverApiTest {
    @TempDir
    static Path dir;
    static TestServer s;
    static HttpServer healthyShard;

    @BeforeAll
    static void start() throws Exception {
        s = TestServer.start(dir);
        healthyShard = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        healthyShard.createContext("/healthz", ex -> {
            byte[] ok = "ok".getBytes();
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        healthyShard.start();
    }

    @AfterAll
    static void stop() {
        healthyShard.stop(0);
        s.close();
    }

    static String healthyUrl() {
        return "http://127.0.0.1:" + healthyShard.getAddress().getPort();
    }

    @Test
    @Order(1)
    void anEmptyMapHasVersionZero() {
        var map = s.get("/cluster/map");
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.json().get("version").asLong()).isZero();
        assertThat(map.json().get("shards")).isEmpty();
        assertThat(map.json().get("joining")).isEmpty();
        assertThat(map.json().get("leaving")).isEmpty();
    }

    @Test
    @Order(2)
    void shardsGetIncreasingIdsThatAreNeverReused() {
        var first = s.post("/cluster/shards", Map.of("primary_url", healthyUrl(), "replica_urls",
                List.of("http://127.0.0.1:1/")));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        JsonNode shard0 = first.json().get("shards").get(0);
        assertThat(shard0.get("id").asLong()).isZero();
        assertThat(shard0.get("primary_url").asText()).isEqualTo(healthyUrl());
        assertThat(shard0.get("replica_urls").get(0).asText()).isEqualTo("http://127.0.0.1:1");
        long v1 = first.json().get("version").asLong();

        var second = s.post("/cluster/shards", Map.of("primary_url", "http://127.0.0.1:2"));
        assertThat(second.json().get("version").asLong()).isGreaterThan(v1);
        assertThat(second.json().get("shards").findValuesAsText("id")).containsExactly("0", "1");

        var removed = s.call("DELETE", "/cluster/shards/1", null, s.adminToken());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("shards").findValuesAsText("id")).containsExactly("0");
        var third = s.post("/cluster/shards", Map.of("primary_url", "http://127.0.0.1:3"));
        assertThat(third.json().get("shards").findValuesAsText("id")).containsExactly("0", "2");
    }

    @Test
    @Order(3)
    void joiningThenPromote() {
        var joined = s.post("/cluster/shards/joining", Map.of("primary_url", "http://127.0.0.1:4"));
        assertThat(joined.status()).isEqualTo(200);
        long id = joined.json().get("joining").get(0).asLong();
        assertThat(joined.json().get("shards").findValuesAsText("id")).contains(Long.toString(id));
        var promoted = s.post("/cluster/shards/" + id + "/promote", null);
        assertThat(promoted.status()).as(promoted.raw()).isEqualTo(200);
        assertThat(promoted.json().get("joining")).isEmpty();
        var again = s.post("/cluster/shards/" + id + "/promote", null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("title").asText()).isEqualTo("Bad Request");
        assertThat(again.json().get("detail").asText()).contains("not joining");
    }

    @Test
    @Order(4)
    void healthProbesEachPrimary() {
        var health = s.get("/cluster/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("0").asBoolean()).isTrue();
        assertThat(health.json().get("2").asBoolean()).isFalse();
    }

    @Test
    @Order(5)
    void changesNeedAdminAndEveryCallNeedsAKey() {
        var none = s.call("GET", "/cluster/map", null, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("type").asText()).isEqualTo("about:blank");
        assertThat(none.json().get("title").asText()).isEqualTo("Unauthorized");
        assertThat(none.json().get("status").asInt()).isEqualTo(401);
        assertThat(none.json().get("detail").asText()).isEqualTo("missing or invalid API key");
        String operator = s.post("/api/v1/keys", Map.of("name", "op", "role", "operator")).json().at("/data/token")
                .asText();
        assertThat(s.call("GET", "/cluster/map", null, operator).status()).isEqualTo(200);
        var denied = s.call("POST", "/cluster/shards", Map.of("primary_url", "http://127.0.0.1:9"), operator);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().get("status").asInt()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void badRequestsAre400AndChangeNothing() {
        long before = s.get("/cluster/map").json().get("version").asLong();
        assertThat(s.post("/cluster/shards", Map.of("primary_url", "not a url")).status()).isEqualTo(400);
        assertThat(s.post("/cluster/shards", Map.of()).status()).isEqualTo(400);
        assertThat(s.post("/cluster/shards", Map.of("primary_url", healthyUrl())).status()).isEqualTo(400);
        assertThat(s.post("/cluster/shards/999/promote", null).status()).isEqualTo(400);
        assertThat(s.call("DELETE", "/cluster/shards/abc", null, s.adminToken()).status()).isEqualTo(400);
        assertThat(s.call("DELETE", "/cluster/shards/999", null, s.adminToken()).status()).isEqualTo(400);
        assertThat(s.get("/cluster/map").json().get("version").asLong()).isEqualTo(before);
    }

    @Test
    @Order(7)
    void theQuiverMapIsAlsoANativeResource() {
        var r = s.get("/api/v1/workspaces/default/resources/quiver/map");
        assertThat(r.json().at("/data/routing").asText()).isEqualTo("rendezvous");
        assertThat(r.json().at("/data/shards/0/replicas/0/url").asText()).isEqualTo(healthyUrl());
    }
}
