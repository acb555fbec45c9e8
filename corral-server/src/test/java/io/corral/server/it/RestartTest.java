package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.corral.server.config.ServerConfig;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A coordinator that snapshots every 20 entries is stopped and started again on the same data
 * directory: nodes, keys, counters and events survive, the old admin token still works, and the
 * restart loads the snapshot that was written under the data directory.
 */
class RestartTest {
    private static final String NODES = "/api/v1/workspaces/default/nodes";
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final long DEADLINE_MS = 30_000;

    @TempDir
    Path dir;
    private TestServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private ServerConfig config() {
        return new ServerConfig("127.0.0.1", 0, 0, dir, 1_000, 600_000, false, 2, 20);
    }

    @Test
    void everythingAcknowledgedSurvivesARestartFromASnapshot() throws Exception {
        s = TestServer.start(config());
        String oldAdminToken = s.adminToken();

        // Many batches: one at a time, then eight writers at once (which the controller batches).
        for (int i = 0; i < 60; i++) {
            assertThat(s.post(NODES, Map.of("id", "seq-" + i, "labels", Map.of("i", Integer.toString(i))))
                    .status()).isEqualTo(201);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> parallel = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String id = "par-" + i;
                parallel.add(pool.submit(() -> s.post(NODES, Map.of("id", id, "zone", "z1")).status()));
            }
            for (Future<Integer> f : parallel) {
                assertThat(f.get(DEADLINE_MS, TimeUnit.MILLISECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        var viewer = s.post("/api/v1/keys", Map.of("name", "dashboards", "role", "viewer", "workspaces", List.of("*")));
        assertThat(viewer.status()).as(viewer.raw()).isEqualTo(201);
        String viewerToken = viewer.json().at("/data/token").asText();
        assertThat(s.call("PUT", NODES + "/seq-7/maintenance", Map.of("enabled", true, "reason", "disk"),
                oldAdminToken).status()).isEqualTo(200);
        assertThat(s.call("PATCH", NODES + "/seq-8", Map.of("metadata", Map.of("rack", 12)), oldAdminToken)
                .status()).isEqualTo(200);
        // Remove the newest node (the one with the highest sequence number: parallel registrations finish in any
        // order), so the next sequence number is above every existing node's.
        String self = s.server().selfId();
        String newest = s.server().controller().image().nodes().values().stream()
                .filter(n -> !n.id().equals(self))
                .max(java.util.Comparator.comparingLong(Node::seq)).orElseThrow().id();
        assertThat(s.call("DELETE", NODES + "/" + newest, null, oldAdminToken).status()).isEqualTo(204);
        assertThat(s.call("DELETE", NODES + "/seq-3", null, oldAdminToken).status()).isEqualTo(204);

        ClusterImage before = s.server().controller().image();
        String selfId = s.server().selfId();
        long highestSeq = before.nodes().values().stream().mapToLong(Node::seq).max().orElseThrow();
        assertThat(before.nextNodeSeq()).isGreaterThan(highestSeq + 1);
        Map<String, String> listedBefore = listAll(s, oldAdminToken);
        assertThat(listedBefore).hasSize(60 + 120 - 2 + 1);

        long snapshotIndex = awaitSnapshotAtLeast(before.appliedIndex() - 20);
        s.close();
        s = null;
        assertThat(latestSnapshotIndex()).isGreaterThanOrEqualTo(snapshotIndex);

        ListAppender<ILoggingEvent> startupLog = new ListAppender<>();
        Logger smLog = (Logger) LoggerFactory.getLogger("io.corral.server.storage.CorralStateMachine");
        startupLog.start();
        smLog.addAppender(startupLog);
        try {
            s = TestServer.start(config());
        } finally {
            smLog.detachAppender(startupLog);
        }
        assertThat(startupLog.list).as("the restart loaded a snapshot")
                .anyMatch(e -> e.getFormattedMessage().startsWith("loaded snapshot"));

        ClusterImage after = s.server().controller().image();
        assertThat(after.nextNodeSeq()).isEqualTo(before.nextNodeSeq());
        assertThat(after.apiKeys()).isEqualTo(before.apiKeys());
        assertThat(after.workspaces()).isEqualTo(before.workspaces());
        assertThat(after.nodes().minus(selfId)).isEqualTo(before.nodes().minus(selfId));
        assertThat(after.events().headMap(before.nextEventSeq())).isEqualTo(before.events());
        assertThat(listAll(s, oldAdminToken)).as("the API lists the same nodes, seqs and states")
                .isEqualTo(listedBefore);

        assertThat(s.adminToken()).isEqualTo(oldAdminToken);
        assertThat(s.call("GET", "/api/v1/whoami", null, oldAdminToken).status()).isEqualTo(200);
        assertThat(s.call("GET", NODES, null, viewerToken).status()).isEqualTo(200);
        assertThat(s.call("POST", NODES, Map.of("id", "nope"), viewerToken).status()).isEqualTo(403);
        assertThat(s.get(NODES + "/seq-7").json().at("/data/status").asText()).isEqualTo("maintenance");
        assertThat(s.get(NODES + "/seq-8").json().at("/data/metadata/rack").asInt()).isEqualTo(12);

        var fresh = s.post(NODES, Map.of("id", "after-restart"));
        assertThat(fresh.status()).isEqualTo(201);
        assertThat(fresh.json().at("/data/seq").asLong()).as("sequence numbers continue where they were")
                .isEqualTo(before.nextNodeSeq());
        var again = s.post(NODES, Map.of("id", newest));
        assertThat(again.json().at("/data/seq").asLong()).as("a removed id registered again gets a new seq")
                .isEqualTo(before.nextNodeSeq() + 1);
    }

    /** id -> "seq status" for every node, read page by page through the API. */
    private static Map<String, String> listAll(TestServer server, String token) {
        Map<String, String> out = new TreeMap<>();
        for (int page = 1; ; page++) {
            var r = server.call("GET", NODES + "?per_page=100&page=" + page, null, token);
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            JsonNode data = r.json().path("data");
            for (JsonNode n : data) {
                assertThat(out.put(n.path("id").asText(), n.path("seq").asLong() + " " + n.path("status").asText()))
                        .as("node %s listed once", n.path("id").asText()).isNull();
            }
            if (page >= r.json().at("/pagination/pages").asInt()) {
                return out;
            }
        }
    }

    /** Snapshots are taken in the background after entries apply; waits for one at or past {@code index}. */
    private long awaitSnapshotAtLeast(long index) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        long latest = latestSnapshotIndex();
        while (latest < index && System.nanoTime() < deadline) {
            Thread.sleep(20);
            latest = latestSnapshotIndex();
        }
        assertThat(latest).as("a snapshot at or after index %d under %s", index, dir).isGreaterThanOrEqualTo(index);
        return latest;
    }

    private long latestSnapshotIndex() throws IOException {
        long latest = -1;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = SNAPSHOT.matcher(p.getFileName().toString());
                if (m.matches()) {
                    latest = Math.max(latest, Long.parseLong(m.group(2)));
                }
            }
        }
        return latest;
    }
}
