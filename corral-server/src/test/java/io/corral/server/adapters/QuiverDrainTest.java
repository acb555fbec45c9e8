package io.corral.server.adapters;

import static io.corral.server.adapters.QuiverCluster.assertPlacement;
import static io.corral.server.adapters.QuiverCluster.keys;
import static io.corral.server.adapters.QuiverCluster.migrationId;
import static io.corral.server.adapters.QuiverCluster.preload;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.it.Poll;
import io.corral.server.testing.FakeQuiverShard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corral's {@code POST /cluster/shards/{id}/drain} against fake Quiver shards, with routers writing throughout. */
class QuiverDrainTest {
    @TempDir
    Path dir;

    @Test
    void drainMovesEveryKeyOfTheShardToItsNewOwnerWhileWritersWriteAndRemovesIt() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            Map<Long, FakeQuiverShard> ring = new TreeMap<>();
            for (int i = 0; i < 4; i++) {
                FakeQuiverShard s = c.newShard(true);
                ring.put(c.add(s), s);
            }
            preload(ring, "docs", "pre-", 900);
            preload(ring, "tags", "tag-", 200);
            FakeQuiverShard leaving = ring.get(1L);
            List<CountDownLatch> gates = new ArrayList<>();
            for (long id : List.of(0L, 2L, 3L)) {
                gates.add(ring.get(id).holdCoordinatorUpserts());
            }
            c.startWriters(3);
            c.awaitAcks("writes before the drain", 20, a -> a.ring().settled());

            var drained = c.coordinator.post("/cluster/shards/1/drain", null);
            assertThat(drained.status()).as(drained.raw()).isEqualTo(200);
            assertThat(drained.json().get("leaving").get(0).asLong()).isEqualTo(1);
            long migration = migrationId(drained);
            assertThat(c.migration(migration).get("kind").asText()).isEqualTo("drain");

            Poll.until("the copy reached a remaining shard", QuiverCluster.DEADLINE_MS,
                    () -> ring.values().stream().anyMatch(s -> s != leaving && s.coordinatorRequests() > 0
                            && awaitGate(s)));
            c.awaitAcks("dual-writes of the leaving shard's keys", 20,
                    a -> a.ring().leaving().contains(1L) && a.ring().readOwner(a.id()) == 1);
            assertThat(c.coordinator.post("/cluster/shards/grow", Map.of("primary_url", "http://127.0.0.1:9"))
                    .status()).isEqualTo(409);
            gates.forEach(CountDownLatch::countDown);

            c.awaitPhase(migration, "done");
            c.awaitAcks("writes routed to the shrunk ring", 20,
                    a -> a.ring().settled() && !a.ring().urls().containsKey(1L));
            c.stopWriters();

            Map<Long, FakeQuiverShard> after = c.ring();
            assertThat(after).containsOnlyKeys(0L, 2L, 3L);
            List<String> docs = new ArrayList<>(keys("pre-", 900));
            docs.addAll(c.ackedIds());
            assertPlacement(after, "docs", docs);
            assertPlacement(after, "tags", keys("tag-", 200));
            assertThat(leaving.ids("docs")).as("the drained shard had keys to give").isNotEmpty();
            c.assertCoordinatorUsedTheShardKey();
        }
    }

    private static boolean awaitGate(FakeQuiverShard s) {
        try {
            return s.awaitUpsertAtGate(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void theLastActiveShardAndUnknownShardsAreNotDrainedAndDrainNeedsAdmin() throws Exception {
        try (QuiverCluster c = new QuiverCluster(dir)) {
            c.add(c.newShard(true));
            var last = c.coordinator.post("/cluster/shards/0/drain", null);
            assertThat(last.status()).as(last.raw()).isEqualTo(400);
            assertThat(last.json().get("detail").asText()).contains("last active shard");
            assertThat(c.coordinator.post("/cluster/shards/7/drain", null).status()).isEqualTo(400);
            assertThat(c.coordinator.post("/cluster/shards/x/drain", null).status()).isEqualTo(400);
            String operator = c.coordinator.post("/api/v1/keys", Map.of("name", "op", "role", "operator")).json()
                    .at("/data/token").asText();
            assertThat(c.coordinator.call("POST", "/cluster/shards/0/drain", null, operator).status()).isEqualTo(403);
            assertThat(c.coordinator.call("POST", "/cluster/shards/grow", Map.of("primary_url", "http://127.0.0.1:9"),
                    operator).status()).isEqualTo(403);
            assertThat(c.coordinator.call("GET", "/cluster/migrations", null, operator).status()).isEqualTo(200);
            assertThat(c.router.ring().leaving()).isEmpty();
            assertThat(c.coordinator.get("/cluster/migrations").json().get("migrations")).isEmpty();
        }
    }
}
