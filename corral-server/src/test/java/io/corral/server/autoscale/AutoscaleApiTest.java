package io.corral.server.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.domain.Standby;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Autoscale on a real server: nodes heartbeat a {@code keys} metric, a hot node promotes a standby that
 * placement then fills, the cooldown holds a second promotion back, idle nodes are drained down to
 * {@code min_nodes}, nothing happens while a move is under way, and the API validates its input.
 */
class AutoscaleApiTest {
    private static final String WS = "/api/v1/workspaces/default";
    /** Far above what any step here needs; polling ends as soon as the condition holds. */
    private static final long DEADLINE_MS = 60_000;
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() throws Exception {
        s = TestServer.start(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private void node(String id, boolean standby) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("zone", "zone-" + id);
        if (standby) {
            body.put("labels", Map.of(Standby.LABEL, "true"));
        }
        var r = s.post(WS + "/nodes", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
    }

    private void keys(String id, long keys) {
        var r = s.post(WS + "/nodes/" + id + "/heartbeat", Map.of("metrics", Map.of("keys", keys)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private TestServer.Response put(Map<String, Object> body) {
        return s.call("PUT", WS + "/autoscale", body, s.adminToken());
    }

    private JsonNode autoscale() {
        return s.get(WS + "/autoscale").json().get("data");
    }

    private String refusal() {
        return autoscale().at("/status/last_decision/refusal").asText();
    }

    private boolean isStandby(String id) {
        return s.get(WS + "/nodes/" + id).json().at("/data/labels").has(Standby.LABEL);
    }

    private String status(String id) {
        return s.get(WS + "/nodes/" + id).json().at("/data/status").asText();
    }

    private List<String> holders(String resource) {
        return s.get(WS + "/resources/" + resource + "/map").json().at("/data/shards").findValuesAsText("node_id");
    }

    private List<JsonNode> events(String reason) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : s.get(WS + "/events?limit=1000").json().get("data")) {
            if (e.get("reason").asText().equals(reason)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void scalesOutIntoAStandbyAfterTheCooldownAgainThenDrainsIdleNodesDownToTheMinimum() {
        for (String id : List.of("a", "b", "c")) {
            node(id, false);
        }
        node("s1", true);
        node("s2", true);
        var res = s.post(WS + "/resources", Map.of("id", "db.t", "partitions", 12, "replication_factor", 2));
        assertThat(res.status()).as(res.raw()).isEqualTo(201);
        assertThat(holders("db.t")).contains("a", "b", "c").doesNotContain("s1", "s2");
        keys("a", 1500);
        keys("b", 200);
        keys("c", 300);

        var set = put(Map.of("enabled", true, "metric", "keys", "high_water", 1000, "low_water", 100,
                "min_nodes", 2, "interval", "1s", "cooldown", "1h"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        Poll.until("s1 promoted", DEADLINE_MS, () -> !isStandby("s1"));
        Poll.until("placement fills s1", DEADLINE_MS, () -> holders("db.t").contains("s1"));
        JsonNode out = events("autoscale.scale_out").get(0);
        assertThat(out.get("node_id").asText()).isEqualTo("s1");
        assertThat(out.get("message").asText()).contains("keys on node a is 1500, above the high water 1000");
        assertThat(autoscale().at("/status/last_action_at").isTextual()).isTrue();
        assertThat(autoscale().at("/status/cooldown_until").isTextual()).isTrue();

        // a is still hot and s2 is ready, but the cooldown of an hour holds the next promotion back
        Poll.until("an evaluation refused by the cooldown", DEADLINE_MS, () -> refusal().equals("cooldown"));
        assertThat(isStandby("s2")).isTrue();
        assertThat(events("autoscale.scale_out")).hasSize(1);

        assertThat(put(Map.of("cooldown", "0s")).status()).isEqualTo(200);
        Poll.until("s2 promoted once the cooldown is over", DEADLINE_MS, () -> !isStandby("s2"));
        Poll.until("placement fills s2", DEADLINE_MS, () -> holders("db.t").contains("s2"));

        // all idle now: the least loaded is drained first, one at a time, until min_nodes (2) are left
        keys("a", 50);
        keys("b", 40);
        keys("c", 30);
        keys("s1", 20);
        keys("s2", 10);
        Poll.until("three nodes drained", DEADLINE_MS, () -> List.of("s2", "s1", "c").stream()
                .allMatch(id -> status(id).equals("drained")));
        Poll.until("the minimum reached", DEADLINE_MS, () -> refusal().equals("at_min_nodes"));
        assertThat(status("a")).isEqualTo("active");
        assertThat(status("b")).isEqualTo("active");
        assertThat(holders("db.t")).containsOnly("a", "b");
        List<String> drained = events("autoscale.scale_in").stream().map(e -> e.get("node_id").asText()).toList();
        assertThat(drained).as("newest event first").containsExactly("c", "s1", "s2");
    }

    @Test
    void nothingHappensWhileAMoveIsUnderWay() {
        for (String id : List.of("a", "b", "c")) {
            node(id, false);
        }
        node("s1", true);
        var res = s.post(WS + "/resources", Map.of("id", "db.t", "partitions", 4, "replication_factor", 2,
                "data_movement", "staged"));
        assertThat(res.status()).as(res.raw()).isEqualTo(201);
        JsonNode shard = s.get(WS + "/resources/db.t/map").json().at("/data/shards/0");
        List<String> onShard = shard.get("replicas").findValuesAsText("node_id");
        String target = List.of("a", "b", "c").stream().filter(n -> !onShard.contains(n)).findFirst().orElseThrow();
        var move = s.post(WS + "/moves", Map.of("resource_id", "db.t", "shard_id", 0,
                "source_node", onShard.get(1), "target_node", target));
        assertThat(move.status()).as(move.raw()).isEqualTo(202);
        String moveId = move.json().at("/data/id").asText();
        keys("a", 5000);
        keys("b", 5000);
        keys("c", 5000);

        assertThat(put(Map.of("enabled", true, "high_water", 1000, "interval", "1s", "cooldown", "0s")).status())
                .isEqualTo(200);
        Poll.until("an evaluation refused by the move", DEADLINE_MS, () -> refusal().equals("move_in_progress"));
        assertThat(autoscale().at("/status/last_decision/reason").asText())
                .isEqualTo("move " + moveId + " of db.t shard 0 is under way");
        assertThat(isStandby("s1")).isTrue();
        assertThat(events("autoscale.scale_out")).isEmpty();

        assertThat(s.call("DELETE", WS + "/moves/" + moveId, null, s.adminToken()).status()).isEqualTo(200);
        Poll.until("s1 promoted once no move is under way", DEADLINE_MS, () -> !isStandby("s1"));
        assertThat(events("autoscale.scale_out")).hasSize(1);
    }

    @Test
    void anEmptyStandbyPoolIsAWarningEvent() {
        node("a", false);
        keys("a", 1500);
        assertThat(put(Map.of("enabled", true, "high_water", 1000, "interval", "1s")).status()).isEqualTo(200);
        Poll.until("the refusal recorded", DEADLINE_MS, () -> !events("autoscale.skipped").isEmpty());
        JsonNode e = events("autoscale.skipped").get(0);
        assertThat(e.get("type").asText()).isEqualTo("Warning");
        assertThat(e.get("message").asText()).isEqualTo("Autoscale did not act: keys on node a is 1500, above the "
                + "high water 1000, but the standby pool is empty");
        assertThat(e.get("actor").asText()).isEqualTo("system:autoscaler");
    }

    @Test
    void thePolicyIsReadByViewersSetByAdminsAndValidated() {
        JsonNode dflt = autoscale();
        assertThat(dflt.get("enabled").asBoolean()).isFalse();
        assertThat(dflt.get("metric").asText()).isEqualTo("keys");
        assertThat(dflt.get("interval").asText()).isEqualTo("30s");
        assertThat(dflt.get("cooldown").asText()).isEqualTo("5m");
        assertThat(dflt.at("/status/last_decision").isNull()).isTrue();

        var ok = put(Map.of("enabled", true, "metric", "cpu_percent", "high_water", 80.5, "low_water", 20,
                "min_nodes", 2, "max_nodes", 6, "interval", 15, "cooldown", "2m"));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        JsonNode set = ok.json().get("data");
        assertThat(set.get("high_water").asDouble()).isEqualTo(80.5);
        assertThat(set.get("low_water").asLong()).isEqualTo(20);
        assertThat(set.get("interval").asText()).isEqualTo("15s");
        assertThat(set.get("cooldown").asText()).isEqualTo("2m");
        assertThat(events("autoscale.settings_updated")).hasSize(1);
        assertThat(put(Map.of("max_nodes", 8)).json().at("/data/metric").asText()).as("partial update")
                .isEqualTo("cpu_percent");
        var roundTrip = s.call("PUT", WS + "/autoscale", autoscale().toString(), s.adminToken());
        assertThat(roundTrip.status()).as("a GET body can be sent back: " + roundTrip.raw()).isEqualTo(200);

        assertInvalid(Map.of("low_water", 90), "low_water");
        assertInvalid(Map.of("high_water", -1), "high_water");
        assertInvalid(Map.of("min_nodes", 0), "min_nodes");
        assertInvalid(Map.of("max_nodes", 1), "max_nodes");
        assertInvalid(Map.of("interval", "100ms"), "interval");
        assertInvalid(Map.of("interval", "soon"), "interval");
        assertInvalid(Map.of("cooldown", true), "cooldown");
        assertInvalid(Map.of("metric", "no spaces"), "metric");
        assertInvalid(Map.of("enabled", "yes"), "enabled");
        assertInvalid(Map.of("high_watermark", 5), "high_watermark");
        Map<String, Object> nullMetric = new LinkedHashMap<>();
        nullMetric.put("metric", null);
        assertInvalid(nullMetric, "metric");
        assertThat(s.call("PUT", WS + "/autoscale", "{not json", s.adminToken()).status()).isEqualTo(400);
        assertThat(autoscale().get("max_nodes").asInt()).as("refused changes changed nothing").isEqualTo(8);

        String viewer = key("viewer");
        String operator = key("operator");
        assertThat(s.call("GET", WS + "/autoscale", null, viewer).status()).isEqualTo(200);
        assertThat(s.call("PUT", WS + "/autoscale", Map.of("enabled", false), viewer).status()).isEqualTo(403);
        assertThat(s.call("PUT", WS + "/autoscale", Map.of("enabled", false), operator).status()).isEqualTo(403);
        assertThat(s.call("GET", WS + "/autoscale", null, null).status()).isEqualTo(401);
        assertThat(s.get("/api/v1/workspaces/nope/autoscale").status()).isEqualTo(404);
    }

    private void assertInvalid(Map<String, Object> body, String field) {
        var r = put(body);
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(r.json().at("/error/details/field").asText()).as(r.raw()).isEqualTo(field);
    }

    private String key(String role) {
        var r = s.post("/api/v1/keys", Map.of("name", role, "role", role, "workspaces", List.of("default")));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().at("/data/token").asText();
    }
}
