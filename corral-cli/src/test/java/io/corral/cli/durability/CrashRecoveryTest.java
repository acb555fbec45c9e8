package io.corral.cli.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kill -9 under load. A coordinator runs as its own process while writer threads register nodes
 * and switch maintenance on and off; at random moments (seeded; the seed is logged, rerun with
 * {@code -Dcorral.crash.seed=N}) it is killed with SIGKILL and started again on the same data
 * directory and port. Afterwards every write that was acknowledged with a 2xx must be there: each
 * acknowledged node with the sequence number it was given, each node's last acknowledged
 * maintenance state (when no later write to it went unanswered), no sequence number twice and no
 * node nobody asked for.
 */
class CrashRecoveryTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NODES = "/api/v1/workspaces/default/nodes";
    private static final int ROUNDS = 5;
    private static final int WRITERS = 4;
    private static final Duration READY_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path tmp;
    private CoordinatorProcess coordinator;
    private final List<Writer> writers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Writer w : writers) {
            w.stop = true;
        }
        for (Writer w : writers) {
            w.thread.interrupt();
            w.thread.join(10_000);
        }
        if (coordinator != null) {
            coordinator.close();
        }
    }

    /** How one write ended, from the client's point of view. */
    enum Result {
        /** A 2xx answer: the coordinator promised the write is durable. */
        ACKED,
        /** No answer (the process died or was not listening): the write may or may not have happened. */
        NO_ANSWER,
        /** An answer other than 2xx. */
        REFUSED
    }

    /** One maintenance switch a writer attempted. */
    record Switch(boolean maintenance, Result result) {
    }

    /** Everything one writer did to one node id. */
    static final class NodeHistory {
        final String id;
        Result registration;
        long ackedSeq = -1;
        final List<Switch> switches = new ArrayList<>();

        NodeHistory(String id) {
            this.id = id;
        }

        boolean wantsMaintenance() {
            return !switches.isEmpty() && switches.get(switches.size() - 1).maintenance();
        }
    }

    /** A thread that writes continuously and keeps a record of what was acknowledged. */
    final class Writer implements Runnable {
        final int number;
        final Random random;
        final String token;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        final Map<String, NodeHistory> history = new HashMap<>();
        final List<NodeHistory> registered = new ArrayList<>();
        final List<Integer> refusedStatuses = new ArrayList<>();
        final List<String> wrongReplies = new ArrayList<>();
        final AtomicInteger acked = new AtomicInteger();
        final Thread thread;
        volatile boolean stop;
        private int nextId;

        Writer(int number, long seed, String token) {
            this.number = number;
            this.random = new Random(seed);
            this.token = token;
            this.thread = new Thread(this, "crash-writer-" + number);
        }

        @Override
        public void run() {
            while (!stop) {
                Result r = registered.size() < 3 || random.nextInt(100) < 55 ? register() : switchMaintenance();
                if (r == Result.ACKED) {
                    acked.incrementAndGet();
                } else if (r == Result.NO_ANSWER && !stop) {
                    pause(50);
                }
            }
        }

        private Result register() {
            String id = "w" + number + "-" + nextId++;
            NodeHistory h = new NodeHistory(id);
            history.put(id, h);
            Answer a = send("POST", NODES, Map.of("id", id, "labels", Map.of("writer", "w" + number)));
            h.registration = a.result();
            if (a.result() == Result.ACKED) {
                h.ackedSeq = a.body().at("/data/seq").asLong();
                registered.add(h);
            }
            return a.result();
        }

        private Result switchMaintenance() {
            NodeHistory h = registered.get(random.nextInt(registered.size()));
            boolean on = !h.wantsMaintenance();
            Answer a = send("PUT", NODES + "/" + h.id + "/maintenance", Map.of("enabled", on, "reason", "crash test"));
            if (a.result() == Result.ACKED && !a.body().at("/data/status").asText().equals(state(on))) {
                wrongReplies.add(h.id + " switched to " + state(on) + " but the reply said " + a.body());
            }
            h.switches.add(new Switch(on, a.result()));
            return a.result();
        }

        private Answer send(String method, String path, Object body) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(coordinator.url() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() / 100 == 2) {
                    return new Answer(Result.ACKED, JSON.readTree(resp.body()));
                }
                synchronized (refusedStatuses) {
                    refusedStatuses.add(resp.statusCode());
                }
                return new Answer(Result.REFUSED, null);
            } catch (IOException e) {
                return new Answer(Result.NO_ANSWER, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
                return new Answer(Result.NO_ANSWER, null);
            }
        }

        private void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
        }
    }

    private record Answer(Result result, JsonNode body) {
    }

    @Test
    void everyAcknowledgedWriteSurvivesRepeatedKillMinus9() throws Exception {
        long seed = Long.getLong("corral.crash.seed", new SecureRandom().nextLong());
        LOG.info("crash test seed {} (rerun with -Dcorral.crash.seed={})", seed, seed);
        Random random = new Random(seed);
        int port = CoordinatorProcess.freeFixedPort(random, -1);
        int raftPort = CoordinatorProcess.freeFixedPort(random, port);
        // The coordinator's own log is kept under target/ for a look after a failure.
        Path logFile = Path.of("target", "crash-recovery", "coordinator-" + seed + ".log").toAbsolutePath();
        java.nio.file.Files.createDirectories(logFile.getParent());
        LOG.info("coordinator output goes to {}", logFile);
        coordinator = new CoordinatorProcess(tmp.resolve("data"), logFile, port, raftPort,
                List.of("--heartbeat-interval", "1m", "--node-timeout", "30m", "--snapshot-every", "50"));
        long started = System.nanoTime();
        coordinator.start();
        coordinator.awaitReady(READY_DEADLINE);
        String token = coordinator.adminToken();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(new Writer(i, random.nextLong(), token));
        }
        writers.forEach(w -> w.thread.start());

        for (int round = 1; round <= ROUNDS; round++) {
            long runMs = 800 + random.nextInt(2_700);
            Thread.sleep(runMs);
            int ackedSoFar = writers.stream().mapToInt(w -> w.acked.get()).sum();
            coordinator.kill();
            long killedAt = System.nanoTime();
            coordinator.start();
            coordinator.awaitReady(READY_DEADLINE);
            LOG.info("round {}: killed after {} ms of writing ({} writes acknowledged so far); ready again in {} ms",
                    round, runMs, ackedSoFar, (System.nanoTime() - killedAt) / 1_000_000);
        }
        for (Writer w : writers) {
            w.stop = true;
        }
        for (Writer w : writers) {
            w.thread.join(120_000);
            assertThat(w.thread.isAlive()).as("writer %d stopped", w.number).isFalse();
        }
        LOG.info("{} kill -9 rounds in {} ms", ROUNDS, (System.nanoTime() - started) / 1_000_000);

        verify(token);
    }

    private void verify(String token) throws Exception {
        Map<String, JsonNode> listed = listAll(token);
        Map<String, NodeHistory> attempted = new HashMap<>();
        int ackedRegistrations = 0;
        int ackedSwitches = 0;
        for (Writer w : writers) {
            attempted.putAll(w.history);
            for (NodeHistory h : w.history.values()) {
                if (h.registration == Result.ACKED) {
                    ackedRegistrations++;
                }
                ackedSwitches += (int) h.switches.stream().filter(s -> s.result() == Result.ACKED).count();
            }
        }
        LOG.info("verifying {} acknowledged registrations and {} acknowledged maintenance switches against {} nodes",
                ackedRegistrations, ackedSwitches, listed.size());
        assertThat(ackedRegistrations).as("the test wrote enough to mean something").isGreaterThan(50);
        assertThat(ackedSwitches).isGreaterThan(10);

        Set<Long> seqs = new HashSet<>();
        for (JsonNode n : listed.values()) {
            assertThat(seqs.add(n.path("seq").asLong())).as("seq %d of %s is unique", n.path("seq").asLong(),
                    n.path("id").asText()).isTrue();
            String id = n.path("id").asText();
            if (!"coordinator".equals(n.path("role").asText())) {
                assertThat(attempted).as("node %s was asked for by a writer", id).containsKey(id);
            }
        }

        int checkedStates = 0;
        for (NodeHistory h : attempted.values()) {
            JsonNode n = listed.get(h.id);
            if (h.registration != Result.ACKED) {
                continue;
            }
            assertThat(n).as("acknowledged node %s survived", h.id).isNotNull();
            assertThat(n.path("seq").asLong()).as("seq of %s", h.id).isEqualTo(h.ackedSeq);
            String status = n.path("status").asText();
            int lastAcked = -1;
            for (int i = 0; i < h.switches.size(); i++) {
                if (h.switches.get(i).result() == Result.ACKED) {
                    lastAcked = i;
                }
            }
            Set<String> allowed = new HashSet<>();
            allowed.add(lastAcked < 0 ? "active" : state(h.switches.get(lastAcked).maintenance()));
            for (int i = lastAcked + 1; i < h.switches.size(); i++) {
                allowed.add(state(h.switches.get(i).maintenance()));
            }
            if (lastAcked == h.switches.size() - 1) {
                checkedStates++;
            }
            assertThat(status).as("status of %s after switches %s", h.id, h.switches).isIn(allowed);
        }
        LOG.info("{} nodes had their last acknowledged maintenance state checked exactly", checkedStates);

        for (Writer w : writers) {
            assertThat(w.wrongReplies).as("writer %d: acknowledged switches reply with the new state", w.number)
                    .isEmpty();
            synchronized (w.refusedStatuses) {
                // Ids are fresh and switches go only to acknowledged nodes: nothing may be "not found" or a conflict.
                assertThat(w.refusedStatuses).as("writer %d: answers other than 2xx must not be 4xx", w.number)
                        .allMatch(s -> s >= 500);
            }
        }
        long highest = seqs.stream().mapToLong(Long::longValue).max().orElse(0);
        JsonNode fresh = call(token, "POST", NODES, Map.of("id", "after-the-crashes"));
        assertThat(fresh.at("/data/seq").asLong()).as("no seq is handed out twice").isGreaterThan(highest);
    }

    private static String state(boolean maintenance) {
        return maintenance ? "maintenance" : "active";
    }

    private Map<String, JsonNode> listAll(String token) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (int page = 1; ; page++) {
            JsonNode body = call(token, "GET", NODES + "?per_page=100&page=" + page, null);
            for (JsonNode n : body.path("data")) {
                assertThat(out.put(n.path("id").asText(), n)).as("node %s listed once", n.path("id").asText()).isNull();
            }
            if (page >= body.at("/pagination/pages").asInt()) {
                return out;
            }
        }
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(coordinator.url() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode() / 100).as("%s %s: %s", method, path, r.body()).isEqualTo(2);
        return JSON.readTree(r.body());
    }
}
