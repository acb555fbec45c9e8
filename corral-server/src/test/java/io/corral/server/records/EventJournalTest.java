package io.corral.server.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import io.corral.server.domain.NodeAddresses;
import io.corral.server.domain.Workspace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJournalTest {
    private static final long T0 = 1_700_000_000_000L;

    static Node node(String id, long seq) {
        return new Node(id, seq, Workspace.DEFAULT, id, "worker", NodeAddresses.NONE, Map.of(), List.of(), null, null,
                1.0, Lifecycle.ACTIVE, null, "registered", Map.of(), null, null, null, true, "h", T0, T0, T0);
    }

    private static ClusterImage flap(ClusterImage img, String id, long atMs) {
        img = Replayer.apply(img, new NodeStatusChanged(id, Lifecycle.INACTIVE, Lifecycle.ACTIVE,
                "no heartbeat for " + (3000 + atMs % 97) + " ms", atMs, "system:failure-detector"));
        return Replayer.apply(img, new NodeStatusChanged(id, Lifecycle.ACTIVE, null, "heartbeat received", atMs + 1_000,
                "system:failure-detector"));
    }

    @Test
    void repeatsWithinTheWindowAggregateIntoOneEventWithCountAndFirstTimestamp() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        img = flap(img, "a", T0 + 60_000);
        img = flap(img, "a", T0 + 120_000);
        img = flap(img, "a", T0 + 180_000);

        List<Event> failed = img.events().values().stream()
                .filter(e -> e.reason().equals("node.health_check_failed")).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).count()).isEqualTo(3);
        assertThat(failed.get(0).firstAtMs()).isEqualTo(T0 + 60_000);
        assertThat(failed.get(0).atMs()).isEqualTo(T0 + 180_000);
        assertThat(failed.get(0).type()).isEqualTo(Event.WARNING);
        List<Event> back = img.events().values().stream()
                .filter(e -> e.message().contains("inactive -> active")).toList();
        assertThat(back).hasSize(1);
        assertThat(back.get(0).count()).isEqualTo(3);
        // the aggregated event moved to a new sequence number, after the registration
        assertThat(img.events().lastKey()).isEqualTo(back.get(0).seq());
    }

    @Test
    void repeatsFurtherApartThanTheWindowAreSeparateEvents() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        img = flap(img, "a", T0 + 60_000);
        img = flap(img, "a", T0 + 60_000 + EventJournal.AGGREGATION_WINDOW_MS + 5_000);
        assertThat(img.events().values().stream().filter(e -> e.reason().equals("node.health_check_failed")))
                .hasSize(2).allMatch(e -> e.count() == 1);
    }

    @Test
    void differentNodesDoNotAggregate() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        img = Replayer.apply(img, new NodeRegistered(node("b", 2), T0, "key:k"));
        img = flap(img, "a", T0 + 1_000);
        img = flap(img, "b", T0 + 1_000);
        assertThat(img.events().values().stream().filter(e -> e.reason().equals("node.health_check_failed")))
                .hasSize(2);
    }

    @Test
    void eventsOlderThanTheRetentionAgeAreDroppedWhenANewerRecordArrives() {
        ClusterImage img = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        img = Replayer.apply(img, new NodeRegistered(node("b", 2), T0 + EventJournal.RETENTION_AGE_MS / 2, "key:k"));
        assertThat(img.events()).hasSize(2);
        img = Replayer.apply(img, new NodeRegistered(node("c", 3), T0 + EventJournal.RETENTION_AGE_MS + 1, "key:k"));
        assertThat(img.events().values()).extracting(Event::nodeId).containsExactly("b", "c");
    }

    @Test
    void retentionByCountKeepsTheNewestAndTheAggregationIndexStaysBounded() {
        ClusterImage img = ClusterImage.empty();
        int n = EventJournal.RETENTION_COUNT + 500;
        for (int i = 0; i < n; i++) {
            img = Replayer.apply(img, new WorkspaceCreated(new Workspace("w" + i, "w", null, Map.of(), T0), T0 + i,
                    "key:k"));
        }
        assertThat(img.events()).hasSize(EventJournal.RETENTION_COUNT);
        assertThat(img.events().get(img.events().lastKey()).message()).contains("w" + (n - 1));
        assertThat(img.telemetry().eventSeqByKey().size()).isLessThanOrEqualTo(2 * EventJournal.RETENTION_COUNT);
    }

    @Test
    void everyIndexEntryPointsAtAKeptEventOrOneOlderThanTheOldestKept() {
        // the pruning of the aggregation index relies on this: aggregation moves a key to its newest seq,
        // so only retention leaves entries without an event, and those are older than the oldest kept
        ClusterImage img = ClusterImage.empty();
        int nodes = 2 * EventJournal.RETENTION_COUNT; // more distinct keys than the index holds before pruning
        int prunes = 0;
        for (int i = 1; i <= nodes; i++) {
            int indexBefore = img.telemetry().eventSeqByKey().size();
            img = Replayer.apply(img, new NodeRegistered(node("n" + i, i), T0 + i, "key:k"));
            if (i % 3 == 0) {
                img = flap(img, "n" + (i / 3), T0 + i);
            }
            if (img.telemetry().eventSeqByKey().size() < indexBefore) {
                prunes++;
                assertIndexCoversKeptEvents(img);
            }
        }
        assertThat(prunes).isPositive();
        assertThat(img.events().size()).isEqualTo(EventJournal.RETENTION_COUNT);
        assertIndexCoversKeptEvents(img);
        assertThat(img.telemetry().eventSeqByKey().size()).isLessThanOrEqualTo(2 * EventJournal.RETENTION_COUNT);
    }

    private static void assertIndexCoversKeptEvents(ClusterImage img) {
        long oldestSeq = img.events().firstKey();
        for (Map.Entry<String, Long> en : img.telemetry().eventSeqByKey().toSortedMap().entrySet()) {
            assertThat(en.getValue() < oldestSeq || img.events().containsKey(en.getValue()))
                    .as("index entry %s -> %d", en.getKey(), en.getValue()).isTrue();
        }
        java.util.Set<Long> indexed = new java.util.HashSet<>(img.telemetry().eventSeqByKey().toSortedMap().values());
        for (Event e : img.events().values()) {
            assertThat(indexed.contains(e.seq())).as("event %d indexed", e.seq()).isTrue();
        }
    }

    @Test
    void seedNamesForStopAndStart() {
        assertThat(Replayer.statusReason(Lifecycle.ACTIVE, Lifecycle.STOPPED)).isEqualTo("node.stopped");
        assertThat(Replayer.statusReason(Lifecycle.STOPPED, Lifecycle.ACTIVE)).isEqualTo("node.started");
        assertThat(Replayer.statusReason(Lifecycle.ACTIVE, Lifecycle.INACTIVE)).isEqualTo("node.health_check_failed");
        assertThat(Replayer.statusReason(Lifecycle.ACTIVE, Lifecycle.MAINTENANCE)).isEqualTo("node.status_changed");
    }

    @Test
    void replayIsDeterministic() {
        ClusterImage a = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        ClusterImage b = Replayer.apply(ClusterImage.empty(), new NodeRegistered(node("a", 1), T0, "key:k"));
        for (int i = 0; i < 5; i++) {
            a = flap(a, "a", T0 + i * 1_000L);
            b = flap(b, "a", T0 + i * 1_000L);
        }
        assertThat(a).isEqualTo(b);
    }
}
