package io.corral.server.adapters;

import static io.corral.server.adapters.QuiverCluster.assertPlacement;
import static io.corral.server.adapters.QuiverCluster.keys;
import static io.corral.server.adapters.QuiverCluster.migrationId;
import static io.corral.server.adapters.QuiverCluster.preload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.testing.FakeQuiverShard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003's {@code POST /cluster/shards/grow} against fake Quiver shards: the online migration with
 * routers writing throughout, the refusals while it runs, and a coordinator restart in the middle.
 */
class QuiverGrowTest {
    @TempDir
    Path dir;

    @Test
    void growMovesTheSliceToTheNewShardWhileWritersWriteAndLosesNoAcknowledgedWrite() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            Map<Long, FakeQuiverShard> donors = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                FakeQuiverShard s = c.newShard(true);
                donors.put(c.add(s), s);
            }
            preload(donors, "docs", "pre-", 900);
            preload(donors, "tags", "tag-", 300);
            FakeQuiverShard fresh = c.newShard(false);
            CountDownLatch copyGate = fresh.holdCoordinatorUpserts();
            c.startWriters(3);
            c.awaitAcks("writes before the grow", 20, a -> a.ring().settled());

            var grown = c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", fresh.url()));
            assertThat(grown.status()).as(grown.raw()).isEqualTo(200);
            assertThat(grown.json().get("joining").get(0).asLong()).isEqualTo(3);
            assertThat(grown.json().get("shards").findValuesAsText("primary_url")).contains(fresh.url());
            long migration = migrationId(grown);
            assertThat(c.migration(migration).get("kind").asText()).isEqualTo("grow");

            assertThat(fresh.awaitUpsertAtGate(QuiverCluster.DEADLINE_MS)).as("the copy reached the new shard")
                    .isTrue();
            assertThat(c.migration(migration).get("phase").asText()).isEqualTo("copying");
            assertThat(fresh.hasCollection("docs")).as("the copy created the collection first").isTrue();
            c.awaitAcks("dual-writes of the new shard's slice while it joins", 20,
                    a -> a.ring().joining().contains(3L) && a.ring().writeOwner(a.id()) == 3);
            assertRingIsFrozen(c);
            copyGate.countDown();

            c.awaitPhase(migration, "done");
            c.awaitAcks("writes routed to the grown ring", 20,
                    a -> a.ring().settled() && a.ring().active().contains(3L));
            c.stopWriters();

            Map<Long, FakeQuiverShard> ring = c.ring();
            assertThat(ring).containsKeys(0L, 1L, 2L, 3L).containsEntry(3L, fresh);
            assertThat(c.router.ring().settled()).isTrue();
            List<String> docs = new ArrayList<>(keys("pre-", 900));
            docs.addAll(c.ackedIds());
            assertPlacement(ring, "docs", docs);
            assertPlacement(ring, "tags", keys("tag-", 300));
            assertThat(fresh.ids("docs")).as("the new shard got a slice").hasSizeGreaterThan(100);
            assertThat(fresh.ids("tags")).isNotEmpty();
            c.assertCoordinatorUsedTheShardKey();
            var events = c.coordinator.get("/api/v1/workspaces/default/events?limit=200").json().get("data");
            assertThat(events.findValuesAsText("reason")).contains("ring_migration.grace_before",
                    "ring_migration.copying", "ring_migration.grace_after", "ring_migration.dropping",
                    "ring_migration.done");
        }
    }

    /** While a migration runs, no other change of the ring is accepted. */
    private static void assertRingIsFrozen(QuiverCluster c) {
        var second = c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", "http://127.0.0.1:9"));
        assertThat(second.status()).as(second.raw()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains("ring migration");
        assertThat(c.coordinator.post("/cluster/shards/0/drain", null).status()).isEqualTo(409);
        assertThat(c.coordinator.post("/cluster/shards", Map.of("primary_url", "http://127.0.0.1:9")).status())
                .isEqualTo(409);
        assertThat(c.coordinator.post("/cluster/shards/3/promote", null).status()).isEqualTo(409);
        assertThat(c.coordinator.call("DELETE", "/cluster/shards/3", null, c.coordinator.adminToken()).status())
                .isEqualTo(409);
    }

    @Test
    void aCoordinatorRestartedInTheMiddleOfTheCopyResumesAndCompletesTheMigration() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            Map<Long, FakeQuiverShard> donors = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                FakeQuiverShard s = c.newShard(true);
                donors.put(c.add(s), s);
            }
            preload(donors, "docs", "pre-", 900);
            FakeQuiverShard fresh = c.newShard(false);
            CountDownLatch copyGate = fresh.holdCoordinatorUpserts();
            long migration = migrationId(c.coordinator.post("/cluster/shards/grow", Map.of("primary_url",
                    fresh.url())));
            assertThat(fresh.awaitUpsertAtGate(QuiverCluster.DEADLINE_MS)).isTrue();
            assertThat(c.migration(migration).get("phase").asText()).isEqualTo("copying");

            c.restartCoordinator(copyGate::countDown);

            JsonNode done = c.awaitPhase(migration, "done", "reverted", "failed");
            assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("done");
            Map<Long, FakeQuiverShard> ring = c.ring();
            assertThat(ring).containsEntry(3L, fresh).hasSize(4);
            assertPlacement(ring, "docs", keys("pre-", 900));
            assertThat(fresh.ids("docs")).isNotEmpty();

            var next = c.coordinator.post("/cluster/shards", Map.of("primary_url", "http://127.0.0.1:9"));
            assertThat(next.status()).as(next.raw()).isEqualTo(200);
            assertThat(next.json().get("shards").findValuesAsText("id")).as("ids are never reused")
                    .containsExactly("0", "1", "2", "3", "4");
        }
    }
}
