package io.corral.server.adapters;

import static io.corral.server.adapters.QuiverCluster.assertPlacement;
import static io.corral.server.adapters.QuiverCluster.keys;
import static io.corral.server.adapters.QuiverCluster.migrationId;
import static io.corral.server.adapters.QuiverCluster.preload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.testing.FakeQuiverShard;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A grow that cannot complete is reverted: the joining shard leaves the map, the donors keep their data. */
class QuiverMigrationFailureTest {
    @TempDir
    Path dir;

    @Test
    void aMultivectorCollectionAbortsTheGrowAndRevertsTheJoin() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            Map<Long, FakeQuiverShard> donors = new TreeMap<>();
            for (int i = 0; i < 2; i++) {
                FakeQuiverShard s = c.newShard(true);
                s.createCollection("colbert", 2, true);
                donors.put(c.add(s), s);
            }
            preload(donors, "docs", "pre-", 300);
            FakeQuiverShard fresh = c.newShard(false);
            var grown = c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", fresh.url()));
            assertThat(grown.status()).as(grown.raw()).isEqualTo(200);
            assertThat(grown.json().get("joining").get(0).asLong()).isEqualTo(2);

            JsonNode m = c.awaitPhase(migrationId(grown), "reverted", "done", "failed");
            assertThat(m.get("phase").asText()).isEqualTo("reverted");
            assertThat(m.get("error").asText()).contains("multivector").contains("colbert");
            assertThat(c.ring()).containsOnlyKeys(0L, 1L);
            assertThat(c.router.ring().joining()).isEmpty();
            assertThat(fresh.coordinatorUpserts()).as("nothing was copied").isZero();
            assertPlacement(donors, "docs", keys("pre-", 300));
            assertRevertEvent(c, "multivector");
        }
    }

    @Test
    void aNewShardFailingMidCopyRevertsTheJoinAndTheNextGrowGetsAFreshId() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            Map<Long, FakeQuiverShard> donors = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                FakeQuiverShard s = c.newShard(true);
                donors.put(c.add(s), s);
            }
            preload(donors, "docs", "pre-", 600);
            FakeQuiverShard failing = c.newShard(false).failCoordinatorUpsertsAfter(5);
            var grown = c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", failing.url()));
            assertThat(grown.status()).as(grown.raw()).isEqualTo(200);

            JsonNode m = c.awaitPhase(migrationId(grown), "reverted", "done", "failed");
            assertThat(m.get("phase").asText()).isEqualTo("reverted");
            assertThat(m.get("error").asText()).contains(failing.url()).contains("500");
            assertThat(failing.coordinatorUpserts()).as("it failed in the middle of the copy").isEqualTo(6);
            assertThat(c.ring()).containsOnlyKeys(0L, 1L, 2L);
            assertPlacement(donors, "docs", keys("pre-", 600));
            assertRevertEvent(c, "500");

            FakeQuiverShard healthy = c.newShard(false);
            var again = c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", healthy.url()));
            assertThat(again.json().get("joining").get(0).asLong()).as("shard id 3 is never reused").isEqualTo(4);
            assertThat(c.awaitPhase(migrationId(again), "done", "reverted", "failed").get("phase").asText())
                    .isEqualTo("done");
            Map<Long, FakeQuiverShard> ring = c.ring();
            assertThat(ring).containsOnlyKeys(0L, 1L, 2L, 4L);
            assertPlacement(ring, "docs", keys("pre-", 600));
        }
    }

    private static void assertRevertEvent(QuiverCluster c, String cause) {
        JsonNode events = c.coordinator.get("/api/v1/workspaces/default/events?limit=100").json().get("data");
        JsonNode reverted = null;
        for (JsonNode e : events) {
            if (e.get("reason").asText().equals("ring_migration.reverted")) {
                reverted = e;
            }
        }
        assertThat(reverted).as(events.toString()).isNotNull();
        assertThat(reverted.get("type").asText()).isEqualTo("Warning");
        assertThat(reverted.get("message").asText()).contains(cause);
    }
}
