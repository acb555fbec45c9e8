package io.corral.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real coordinator with a short node timeout: a node that stops heartbeating becomes inactive
 * within the promised bound, a heartbeat brings it back, both transitions are events by the failure
 * detector, and nodes in maintenance or unmonitored are left alone. Timing is measured, never slept
 * for: waits poll with a generous deadline, and each bound is derived so a slow machine cannot make
 * a correct server fail it.
 */
class NodeHealthLifecycleTest {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHealthLifecycleTest.class);
    private static final long HEARTBEAT_MS = 200;
    private static final long TIMEOUT_MS = 1_000;
    /** What the server promises beyond the timeout: one detector pass (250 ms), rounded up to 0.5 s. */
    private static final long DETECTION_MS = 500;
    /** Allowance for committing the transition through Ratis and for the 20 ms poll on a shared machine. */
    private static final long COMMIT_SLACK_MS = 1_500;
    private static final long POLL_MS = 20;
    private static final long DEADLINE_MS = 30_000;
    private static final String NODES = "/api/v1/workspaces/default/nodes";
    private static final String DETECTOR = "system:failure-detector";

    @TempDir
    Path dir;
    private TestServer s;

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void aSilentNodeBecomesInactiveWithinTheBoundAndAHeartbeatBringsItBack() throws Exception {
        s = TestServer.start(dir, HEARTBEAT_MS, TIMEOUT_MS, false);

        assertThat(s.post(NODES, Map.of("id", "maint-1")).status()).isEqualTo(201);
        assertThat(s.post(NODES, Map.of("id", "catalog-1", "monitored", false)).status()).isEqualTo(201);
        var maint = s.call("PUT", NODES + "/maint-1/maintenance", Map.of("enabled", true, "reason", "kernel"),
                s.adminToken());
        assertThat(maint.status()).as(maint.raw()).isEqualTo(200);
        assertThat(maint.json().at("/data/status").asText()).isEqualTo("maintenance");
        long registerSent = System.nanoTime();
        assertThat(s.post(NODES, Map.of("id", "hb-1")).status()).isEqualTo(201);

        // Heartbeat on schedule for twice the timeout. A transition needs a silence longer than the
        // timeout, so there can be at most one per gap between heartbeats that was that long (only a
        // stalled test machine makes one); in a phase without such a gap the node stays active. A
        // stalled phase is repeated, up to three times.
        long previousSent = registerSent;
        long lastSent = -1;
        for (int phase = 1; ; phase++) {
            long eventsBefore = lastEventId();
            List<long[]> beats = new ArrayList<>();
            long until = System.nanoTime() + ms(2 * TIMEOUT_MS);
            while (System.nanoTime() < until || beats.size() < 5) {
                beats.add(heartbeat("hb-1"));
                Thread.sleep(HEARTBEAT_MS);
            }
            int longGaps = beats.get(0)[1] - previousSent > ms(TIMEOUT_MS) ? 1 : 0;
            for (int i = 1; i < beats.size(); i++) {
                if (beats.get(i)[1] - beats.get(i - 1)[0] > ms(TIMEOUT_MS)) {
                    longGaps++;
                }
            }
            lastSent = beats.get(beats.size() - 1)[0];
            previousSent = lastSent;
            List<JsonNode> failures = events("hb-1", e -> e.path("id").asLong() > eventsBefore
                    && e.path("reason").asText().equals("node.health_check_failed"));
            assertThat(failures).as("inactive transitions in heartbeat phase %d (gaps longer than the timeout: %d)",
                    phase, longGaps).hasSizeLessThanOrEqualTo(longGaps);
            if (longGaps == 0) {
                assertThat(status("hb-1")).as("a node heartbeating on schedule stays active").isEqualTo("active");
                break;
            }
            LOG.warn("heartbeat phase {} had {} gaps longer than the timeout; repeating it", phase, longGaps);
            assertThat(phase).as("heartbeat phases stalled by the machine").isLessThan(3);
        }
        int failuresBefore = events("hb-1", e -> e.path("reason").asText().equals("node.health_check_failed")).size();

        // Stop. The last heartbeat was recorded by the server no earlier than it was sent.
        awaitStatus("hb-1", "inactive");
        long silentMs = (System.nanoTime() - lastSent) / 1_000_000;
        long bound = TIMEOUT_MS + DETECTION_MS + COMMIT_SLACK_MS;
        LOG.info("hb-1 observed inactive {} ms after its last heartbeat was sent (timeout {} ms, bound {} ms)",
                silentMs, TIMEOUT_MS, bound);
        // Server and test use different clocks (wall vs monotonic); 50 ms covers their drift.
        assertThat(silentMs).as("not before the timeout").isGreaterThanOrEqualTo(TIMEOUT_MS - 50);
        assertThat(silentMs).as("within timeout + detection + commit slack").isLessThanOrEqualTo(bound);
        JsonNode inactive = s.get(NODES + "/hb-1").json().path("data");
        assertThat(inactive.path("status_reason").asText()).startsWith("no heartbeat for ");
        assertThat(inactive.path("serving").asBoolean()).isFalse();

        // Every write is applied in order, so once this one is acknowledged any verdict the detector
        // reached in the pass that marked hb-1 (or earlier) has been applied too.
        assertThat(s.call("PATCH", NODES + "/catalog-1", Map.of("labels", Map.of("seen", "yes")), s.adminToken())
                .status()).isEqualTo(200);
        assertThat(status("maint-1")).as("maintenance is left alone").isEqualTo("maintenance");
        assertThat(status("catalog-1")).as("an unmonitored node is left alone").isEqualTo("active");

        long revivedSent = System.nanoTime();
        heartbeat("hb-1");
        awaitStatus("hb-1", "active");
        LOG.info("hb-1 observed active again {} ms after its heartbeat", (System.nanoTime() - revivedSent) / 1_000_000);
        assertThat(s.get(NODES + "/hb-1").json().at("/data/status_reason").asText()).isEqualTo("heartbeat received");

        List<JsonNode> failed = events("hb-1", e -> e.path("reason").asText().equals("node.health_check_failed"));
        assertThat(failed).hasSize(failuresBefore + 1);
        JsonNode down = failed.get(0);
        assertThat(down.path("actor").asText()).isEqualTo(DETECTOR);
        assertThat(down.path("type").asText()).isEqualTo("Warning");
        assertThat(down.path("message").asText()).contains("active -> inactive");
        List<JsonNode> revived = events("hb-1", e -> e.path("reason").asText().equals("node.status_changed")
                && e.path("message").asText().contains("inactive -> active"));
        assertThat(revived).isNotEmpty();
        JsonNode up = revived.get(0);
        assertThat(up.path("actor").asText()).isEqualTo(DETECTOR);
        assertThat(up.path("id").asLong()).as("the revival follows the failure").isGreaterThan(down.path("id").asLong());
        assertThat(events("maint-1", e -> e.path("actor").asText().equals(DETECTOR))).isEmpty();
        assertThat(events("catalog-1", e -> e.path("actor").asText().equals(DETECTOR))).isEmpty();
    }

    private long lastEventId() {
        var r = s.get("/api/v1/workspaces/default/events?limit=1");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.json().at("/data/0/id").asLong();
    }

    /** Sends a heartbeat; returns {sent, answered} in nanoTime. */
    private long[] heartbeat(String id) {
        long sent = System.nanoTime();
        var r = s.post(NODES + "/" + id + "/heartbeat", Map.of("metrics", Map.of("load", 0.5)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return new long[] {sent, System.nanoTime()};
    }

    private String status(String id) {
        return s.get(NODES + "/" + id).json().at("/data/status").asText();
    }

    /** Polls every 20 ms until the node has {@code status}; fails after a generous deadline. */
    private JsonNode awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + ms(DEADLINE_MS);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = s.get(NODES + "/" + id).json().path("data");
            if (status.equals(last.path("status").asText())) {
                return last;
            }
            Thread.sleep(POLL_MS);
        }
        throw new AssertionError("node " + id + " did not become " + status + " within " + DEADLINE_MS + " ms; last: "
                + last);
    }

    /** The node's events matching {@code filter}, newest first. */
    private List<JsonNode> events(String id, Predicate<JsonNode> filter) {
        var r = s.get(NODES + "/" + id + "/events?limit=1000");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(e -> {
            if (filter.test(e)) {
                out.add(e);
            }
        });
        return out;
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }
}
