package io.corral.server.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corral.client.routing.Rendezvous;
import io.corral.server.config.RingMigrationSettings;
import io.corral.server.config.ServerConfig;
import io.corral.server.it.Poll;
import io.corral.server.it.TestServer;
import io.corral.server.testing.FakeQuiverShard;
import io.corral.server.testing.HrwTestRouter;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A coordinator with fake Quiver shards on loopback ports, a router that follows its map, writers, and
 * the checks every migration test makes. The grace is {@link #GRACE_MS}; the shards refuse router
 * writes whose map is older than {@link #LEASE_MS}, which is shorter, so a write can only land within a
 * grace of the map it was routed by: what the grace assumes of real routers, made certain.
 */
final class QuiverCluster implements AutoCloseable {
    static final long GRACE_MS = 200;
    static final long LEASE_MS = 100;
    static final String SHARD_KEY = "shard-secret";
    static final long DEADLINE_MS = 120_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Path dir;
    private final Vertx vertx = Vertx.vertx();
    final List<FakeQuiverShard> shards = new ArrayList<>();
    volatile TestServer coordinator;
    final HrwTestRouter router;
    final Queue<HrwTestRouter.Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final List<Future<?>> writers = new ArrayList<>();
    private ExecutorService writerThreads;

    QuiverCluster(Path dir) throws Exception {
        this.dir = dir;
        this.coordinator = TestServer.start(config(dir));
        this.router = new HrwTestRouter(() -> coordinator.url(), coordinator.adminToken());
    }

    static ServerConfig config(Path dir) {
        return TestServer.config(dir, 1_000, 600_000, 30_000).withRingMigrations(
                RingMigrationSettings.DEFAULT.withGraceMs(GRACE_MS).withShardApiKey(SHARD_KEY));
    }

    /** A new fake shard with the collections {@code docs} and {@code tags}, not yet in the map. */
    FakeQuiverShard newShard(boolean withCollections) throws Exception {
        FakeQuiverShard s = new FakeQuiverShard(vertx).leaseMs(LEASE_MS);
        if (withCollections) {
            s.createCollection("docs", 2, false);
            s.createCollection("tags", 2, false);
        }
        shards.add(s);
        return s;
    }

    /** Adds the shard to the map as active (Quiver's {@code POST /cluster/shards}); returns its id. */
    long add(FakeQuiverShard s) {
        var r = coordinator.post("/cluster/shards", Map.of("primary_url", s.url()));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        long id = -1;
        for (JsonNode shard : r.json().get("shards")) {
            if (shard.get("primary_url").asText().equals(s.url())) {
                id = shard.get("id").asLong();
            }
        }
        return id;
    }

    /** Puts points straight onto their owner among {@code ring} (shard id → fake), as if written earlier. */
    static void preload(Map<Long, FakeQuiverShard> ring, String collection, String prefix, int count) {
        long[] ids = ring.keySet().stream().mapToLong(Long::longValue).toArray();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            ring.get(Rendezvous.route(id, ids)).put(collection, id, point(id));
        }
    }

    static ObjectNode point(String id) {
        ObjectNode p = MAPPER.createObjectNode();
        p.putArray("vector").add(0.5).add(-0.25);
        p.putObject("payload").put("key", id);
        return p;
    }

    /** Starts {@code n} writers, each writing new ids ({@code w<writer>-<seq>}) to {@code docs} until stopped. */
    void startWriters(int n) {
        writing.set(true);
        writerThreads = Executors.newFixedThreadPool(n);
        for (int w = 0; w < n; w++) {
            int writer = w;
            writers.add(writerThreads.submit(() -> {
                for (int seq = 0; writing.get(); seq++) {
                    String id = "w" + writer + "-" + seq;
                    acks.add(router.write("docs", id, MAPPER.createObjectNode().put("key", id)));
                }
                return null;
            }));
        }
    }

    /** Stops the writers and waits for them; a writer that failed fails the test. */
    void stopWriters() throws Exception {
        writing.set(false);
        for (Future<?> f : writers) {
            f.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
        }
        writerThreads.shutdown();
    }

    /** Waits until at least {@code n} acknowledged writes match {@code which}. */
    void awaitAcks(String what, int n, Predicate<HrwTestRouter.Ack> which) {
        Poll.until(what, DEADLINE_MS, () -> acks.stream().filter(which).count() >= n);
    }

    JsonNode migration(long id) {
        var r = coordinator.get("/cluster/migrations/" + id);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json();
    }

    /** Waits until the migration is in one of the given phases; returns it. */
    JsonNode awaitPhase(long id, String... phases) {
        Set<String> wanted = Set.of(phases);
        Poll.until("migration " + id + " in " + wanted, DEADLINE_MS,
                () -> wanted.contains(migration(id).get("phase").asText()));
        return migration(id);
    }

    /** The migration id from a grow or drain reply's {@code Location}. */
    static long migrationId(TestServer.Response r) {
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/cluster/migrations/");
        return Long.parseLong(location.substring("/cluster/migrations/".length()));
    }

    /** The shards of the map now: id → fake shard, and whether any is joining or leaving. */
    Map<Long, FakeQuiverShard> ring() throws Exception {
        HrwTestRouter.Ring r = router.ring();
        Map<Long, FakeQuiverShard> out = new TreeMap<>();
        r.urls().forEach((id, url) -> out.put(id, shards.stream().filter(s -> s.url().equals(url)).findFirst()
                .orElseThrow()));
        return out;
    }

    /**
     * The end state of a migration: each key is on its owner in {@code ring} with its own payload, and no
     * shard of the ring holds a key it does not own (donors dropped the moved slice).
     */
    static void assertPlacement(Map<Long, FakeQuiverShard> ring, String collection, Iterable<String> keys) {
        long[] ids = ring.keySet().stream().mapToLong(Long::longValue).toArray();
        int checked = 0;
        for (String key : keys) {
            long owner = Rendezvous.route(key, ids);
            ObjectNode p = ring.get(owner).point(collection, key);
            assertThat(p).as("%s/%s on its owner, shard %d", collection, key, owner).isNotNull();
            assertThat(p.at("/payload/key").asText()).isEqualTo(key);
            checked++;
        }
        assertThat(checked).isPositive();
        for (Map.Entry<Long, FakeQuiverShard> e : ring.entrySet()) {
            for (String key : e.getValue().ids(collection)) {
                assertThat(Rendezvous.route(key, ids)).as("shard %d holds %s/%s", e.getKey(), collection, key)
                        .isEqualTo(e.getKey());
            }
        }
    }

    /** The ids of the acknowledged writes. */
    List<String> ackedIds() {
        return acks.stream().map(HrwTestRouter.Ack::id).toList();
    }

    static List<String> keys(String prefix, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    /** Every request the coordinator made to a shard carried the shard key. */
    void assertCoordinatorUsedTheShardKey() {
        int requests = 0;
        for (FakeQuiverShard s : shards) {
            requests += s.coordinatorRequests();
            if (s.coordinatorRequests() > 0) {
                assertThat(s.coordinatorAuthorizations()).containsExactly("Bearer " + SHARD_KEY);
            }
        }
        assertThat(requests).isPositive();
    }

    /** Stops the coordinator, runs {@code whileDown}, and starts it again on the same data directory. */
    void restartCoordinator(Runnable whileDown) throws Exception {
        coordinator.close();
        whileDown.run();
        coordinator = TestServer.start(config(dir));
    }

    @Override
    public void close() throws Exception {
        writing.set(false);
        if (writerThreads != null) {
            writerThreads.shutdownNow();
        }
        shards.forEach(FakeQuiverShard::close);
        coordinator.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
