package io.corral.example.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.corral.client.CorralClient;
import io.corral.server.it.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Move benchmarks between reference nodes (separate processes), for docs/benchmarks.md ("Moves"). Not part
 * of the default test run (the class name does not match Surefire's patterns); run one with e.g.
 * <pre>
 * mvn -B test -pl examples/kv-node -am -Dtest='MoveBenchmark#moveThroughput' -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.keys=200000 -Dbench.valueBytes=100 -Dbench.partitions=8]
 * mvn … -Dtest='MoveBenchmark#drainTime' [-Dbench.drainShards=1000 -Dbench.keysPerShard=10]
 * mvn … -Dtest='MoveBenchmark#stepOverhead' [-Dbench.steps=2000 -Dbench.clients=8 -Dbench.moves=50]
 * </pre>
 * Each prints Markdown lines prefixed with {@code BENCH} and appends them to
 * {@code examples/kv-node/target/move-bench/results.md}.
 */
class MoveBenchmark {
    private static final String RES = "kv.bench";
    private static final String WS = ProcessCluster.WS;
    private ProcessCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void report(String line) throws Exception {
        System.out.println("BENCH " + line);
        Path out = Path.of("target", "move-bench", "results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private ProcessCluster start(String name, int nodes) throws Exception {
        cluster = new ProcessCluster(Path.of("target", "move-bench", name), "--heartbeat-interval", "1s",
                "--node-timeout", "30s").startCoordinator();
        for (int i = 1; i <= nodes; i++) {
            cluster.addNode("kv-" + i, "zone-" + i);
        }
        return cluster;
    }

    private void maintenance(boolean on) {
        Api.Reply r = cluster.api().call("PUT", "/api/v1/cluster/maintenance", Map.of("enabled", on, "reason", "bench"));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
    }

    /** Loads keys through the routing client with 16 writers; returns the bytes of keys and values written. */
    private long load(long keys, int valueBytes) throws Exception {
        CorralClient corral = CorralClient.builder().baseUrl(cluster.url()).token(cluster.token()).build();
        AtomicLong bytes = new AtomicLong();
        String value = "v".repeat(valueBytes);
        try (RoutingClient client = RoutingClient.start(corral, "default", RES, 5_000, 60_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (long k = writer; k < keys; k += 16) {
                        String key = "key-" + k;
                        client.put(key, value);
                        bytes.addAndGet(key.length() + valueBytes);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        return bytes.get();
    }

    private static long ms(JsonNode move, String from, String to) {
        return Instant.parse(move.get(to).asText()).toEpochMilli() - Instant.parse(move.get(from).asText()).toEpochMilli();
    }

    @Test
    void moveThroughput() throws Exception {
        long keys = Long.getLong("bench.keys", 200_000);
        int valueBytes = Integer.getInteger("bench.valueBytes", 100);
        int partitions = Integer.getInteger("bench.partitions", 8);
        start("throughput", 2);
        cluster.createResource(RES, partitions, 1);
        Poll.until("placed", 120_000, () -> cluster.settled(RES, 1));
        maintenance(true);   // freezes the rebalancer: only the moves started here run
        long t0 = System.nanoTime();
        long bytes = load(keys, valueBytes);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        List<String> ids = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int s = 0; s < partitions; s++) {
            pending.add(s);
        }
        long m0 = System.nanoTime();
        Poll.until("every shard moved", 600_000, () -> {
            pending.removeIf(s -> {
                JsonNode sh = cluster.map(RES).get("shards").get(s);
                String from = sh.at("/replicas/0/node_id").asText();
                Api.Reply r = cluster.api().post(WS + "/moves", Map.of("resource_id", RES, "shard_id", s,
                        "source_node", from, "target_node", from.equals("kv-1") ? "kv-2" : "kv-1"));
                if (r.status() == 202) {
                    ids.add(r.data().get("id").asText());
                }
                return r.status() == 202;
            });
            return pending.isEmpty() && cluster.activeMoves().size() == 0;
        });
        double seconds = (System.nanoTime() - m0) / 1e9;
        Histogram perMove = new Histogram(3);
        for (String id : ids) {
            JsonNode m = cluster.api().get(WS + "/moves/" + id).data();
            assertThat(m.get("phase").asText()).isEqualTo("done");
            perMove.recordValue(ms(m, "created_at", "updated_at"));
        }
        maintenance(false);
        report(String.format("| move throughput | %d keys (%d B values, %.1f MB) in %d shards moved between 2 nodes "
                        + "| %.1f s | %.0f keys/s | %.2f MB/s | per move p50 %d ms, max %d ms (load took %.1f s) |",
                keys, valueBytes, bytes / 1e6, partitions, seconds, keys / seconds, bytes / 1e6 / seconds,
                perMove.getValueAtPercentile(50), perMove.getMaxValue(), loadSeconds));
    }

    @Test
    void drainTime() throws Exception {
        int shards = Integer.getInteger("bench.drainShards", 1000);
        int keysPerShard = Integer.getInteger("bench.keysPerShard", 10);
        start("drain", 2);
        cluster.createResource(RES, shards * 2, 1);
        Poll.until("placed", 300_000, () -> cluster.settled(RES, 1));
        long held = cluster.map(RES).findValuesAsText("node_id").stream().filter("kv-1"::equals).count();
        load((long) shards * 2 * keysPerShard, 100);
        long t0 = System.nanoTime();
        Api.Reply drain = cluster.api().post(WS + "/nodes/kv-1/drain", null);
        assertThat(drain.status()).isEqualTo(202);
        Poll.until("kv-1 drained", 3_600_000, () -> "drained".equals(cluster.status("kv-1")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonNode moves = cluster.api().get(WS + "/moves?state=finished&node_id=kv-1").data();
        Histogram perMove = new Histogram(3);
        long done = 0;
        for (JsonNode m : moves) {
            if (m.get("phase").asText().equals("done")) {
                done++;
                perMove.recordValue(ms(m, "created_at", "updated_at"));
            }
        }
        report(String.format("| drain | node holding %d shards (%d keys each, 100 B values), 1 other node, RF 1 "
                        + "| %.1f s | %d moves done | %.1f moves/s | per move p50 %d ms, p99 %d ms |", held,
                keysPerShard, seconds, done, done / seconds, perMove.getValueAtPercentile(50),
                perMove.getValueAtPercentile(99)));
    }

    @Test
    void stepOverhead() throws Exception {
        int steps = Integer.getInteger("bench.steps", 2000);
        int clients = Integer.getInteger("bench.clients", 8);
        int moves = Integer.getInteger("bench.moves", 50);
        start("steps", 0);
        // Two unmonitored nodes with no process: the benchmark plays their part, so only the coordinator is timed.
        for (String id : List.of("f1", "f2")) {
            assertThat(cluster.api().post(WS + "/nodes", Map.of("id", id, "monitored", false)).status()).isEqualTo(201);
        }
        cluster.createResource(RES, 16, 1);
        Poll.until("placed", 120_000, () -> cluster.settled(RES, 1));
        maintenance(true);   // the rebalancer must not start moves nobody would play

        Histogram complete = new Histogram(3);
        Histogram cutover = new Histogram(3);
        for (int i = 0; i < moves; i++) {
            int s = i % 16;
            String from = cluster.map(RES).get("shards").get(s).at("/replicas/0/node_id").asText();
            Api.Reply r = cluster.api().post(WS + "/moves", Map.of("resource_id", RES, "shard_id", s, "source_node",
                    from, "target_node", from.equals("f1") ? "f2" : "f1"));
            assertThat(r.status()).as(r.json().toString()).isEqualTo(202);
            String id = r.data().get("id").asText();
            timedStep(id, "complete_snapshot_transfer", complete);
            timedStep(id, "complete_wal_sync", complete);
            long c0 = System.nanoTime();
            Poll.until("cut over", 60_000, () -> cluster.api().get(WS + "/moves/" + id).data().path("phase").asText()
                    .equals("cleanup"));
            cutover.recordValue((System.nanoTime() - c0) / 1_000_000);
            timedStep(id, "complete_cleanup", complete);
        }
        report(String.format("| step report (complete_*) | %d moves × 3 steps, one client, HTTP + Raft commit "
                        + "| p50 %.2f ms | p99 %.2f ms | max %.2f ms | supervisor cutover after complete_wal_sync: "
                        + "p50 %d ms, max %d ms |", moves, complete.getValueAtPercentile(50) / 1000.0,
                complete.getValueAtPercentile(99) / 1000.0, complete.getMaxValue() / 1000.0,
                cutover.getValueAtPercentile(50), cutover.getMaxValue()));

        String from = cluster.map(RES).get("shards").get(0).at("/replicas/0/node_id").asText();
        String id = cluster.api().post(WS + "/moves", Map.of("resource_id", RES, "shard_id", 0, "source_node", from,
                "target_node", from.equals("f1") ? "f2" : "f1")).data().get("id").asText();
        for (int c : new int[] {1, clients}) {
            Histogram progress = new Histogram(3);
            ExecutorService pool = Executors.newFixedThreadPool(c);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < c; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < steps / c; i++) {
                        long s0 = System.nanoTime();
                        Api.Reply r = cluster.api().post(WS + "/moves/" + id + "/steps", Map.of("step", "progress",
                                "items_done", i, "items_total", steps));
                        long us = (System.nanoTime() - s0) / 1000;
                        assertThat(r.status()).isEqualTo(200);
                        synchronized (progress) {
                            progress.recordValue(us);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            report(String.format("| step report (progress) | %d reports, %d concurrent client(s) | p50 %.2f ms "
                            + "| p99 %.2f ms | max %.2f ms | %.0f reports/s |", progress.getTotalCount(), c,
                    progress.getValueAtPercentile(50) / 1000.0, progress.getValueAtPercentile(99) / 1000.0,
                    progress.getMaxValue() / 1000.0, progress.getTotalCount() / seconds));
        }
    }

    private void timedStep(String id, String step, Histogram h) {
        long s0 = System.nanoTime();
        Api.Reply r = cluster.api().post(WS + "/moves/" + id + "/steps", Map.of("step", step));
        h.recordValue((System.nanoTime() - s0) / 1000);
        assertThat(r.status()).as(step + ": " + r.json()).isEqualTo(200);
    }
}
