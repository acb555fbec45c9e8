package io.corral.server.storage;

import static io.corral.server.testing.ControllerHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.corral.server.commands.RegisterNode;
import io.corral.server.commands.RemoveNode;
import io.corral.server.commands.SetNodeStatus;
import io.corral.server.controller.Controller;
import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Workspace;
import io.corral.server.testing.ControllerHarness;
import io.corral.server.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ratis log on disk with small segments: snapshots are written every few entries, the log
 * segments they cover are purged, and a restart rebuilds the same image from the snapshot and the
 * remaining tail, which it could not do from the log alone.
 */
class RatisLogTest {
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
    private static final Pattern CLOSED_SEGMENT = Pattern.compile("log_(\\d+)-(\\d+)");
    private static final Pattern OPEN_SEGMENT = Pattern.compile("log_inprogress_(\\d+)");
    private static final long SNAPSHOT_EVERY = 20;
    private static final long DEADLINE_MS = 30_000;

    @TempDir
    Path dir;
    private RatisLog log;
    private Controller controller;

    @AfterEach
    void close() {
        if (controller != null) {
            controller.close();
        }
        if (log != null) {
            log.close();
        }
    }

    private RatisLog.Options options(int port, long snapshotEvery) {
        return new RatisLog.Options(dir.resolve("raft"), "127.0.0.1", port, "peer-1", snapshotEvery, 32 * 1024);
    }

    private void open(int port) throws Exception {
        open(port, SNAPSHOT_EVERY);
    }

    private void open(int port, long snapshotEvery) throws Exception {
        log = RatisLog.start(options(port, snapshotEvery));
        assertThat(log.awaitLeadership(DEADLINE_MS)).isTrue();
        controller = new Controller(log, new MutableClock(1_000_000), nanos -> { });
    }

    private void shut() {
        controller.close();
        controller = null;
        log.close();
        log = null;
    }

    @Test
    void snapshotsPurgeTheLogAndARestartRecoversFromTheSnapshotAndTail() throws Exception {
        int port = freePort();
        open(port);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "node-with-a-long-enough-id-to-fill-segments-" + i;
            ControllerHarness.await(controller.submit("key:t", new RegisterNode(spec(id), "secret", false)));
            ids.add(id);
            if (i % 7 == 0) {
                ControllerHarness.await(controller.submit("key:t", new RemoveNode(Workspace.DEFAULT, id, null)));
                ids.remove(id);
            }
        }
        ClusterImage before = log.image();
        assertThat(before.nodes().keySet()).containsExactlyInAnyOrderElementsOf(ids);

        // Snapshots and purges run in the background after entries apply.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while ((latestSnapshot() < before.appliedIndex() - SNAPSHOT_EVERY || firstLogIndex() <= SNAPSHOT_EVERY)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long snapshot = latestSnapshot();
        long firstLog = firstLogIndex();
        assertThat(snapshot).as("latest snapshot").isGreaterThanOrEqualTo(before.appliedIndex() - SNAPSHOT_EVERY);
        assertThat(firstLog).as("first index still in the log (the start was purged)")
                .isGreaterThan(SNAPSHOT_EVERY).isLessThanOrEqualTo(snapshot + 1);
        for (long[] segment : closedSegments()) {
            assertThat(segment[1]).as("closed segment %d-%d is needed by no snapshot", segment[0], segment[1])
                    .isGreaterThan(snapshot - 2 * SNAPSHOT_EVERY);
        }
        shut();

        open(port);
        ClusterImage after = log.image();
        assertThat(after).isEqualTo(before);
        var reg = ControllerHarness.await(controller.submit("key:t", new RegisterNode(spec("late"), "s", false)));
        assertThat(reg.node().seq()).isEqualTo(before.nextNodeSeq());
        assertThat(log.image().nodes()).hasSize(ids.size() + 1);
    }

    @Test
    void theLeadersPreparedImagesEqualWhatReplayingTheBytesGives() throws Exception {
        int port = freePort();
        open(port, 1_000_000_000L);
        List<CompletableFuture<?>> previousWave = List.of();
        for (int wave = 0; wave < 40; wave++) {
            List<CompletableFuture<?>> thisWave = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                int i = wave * 10 + j;
                String id = "n-" + (i % 150);
                // Registrations, clashes, status changes and removals, in many batches in flight together.
                thisWave.add(controller.submit("key:t", new RegisterNode(spec(id), "secret-" + i, false)));
                thisWave.add(controller.submit("key:t", new SetNodeStatus(Workspace.DEFAULT, id,
                        i % 2 == 0 ? Lifecycle.MAINTENANCE : Lifecycle.ACTIVE, "cycle " + i)));
                if (i % 5 == 0) {
                    thisWave.add(controller.submit("key:t", new RemoveNode(Workspace.DEFAULT, "n-" + (i / 3), "gone", true)));
                }
            }
            // Keep the next wave coming while this one commits: waves overlap, batches pipeline.
            awaitSettled(previousWave);
            previousWave = thisWave;
        }
        awaitSettled(previousWave);
        ClusterImage live = log.image();
        assertThat(log.batchesAppliedFromPreparedImage()).as("batches applied from the controller's image").isPositive();
        // Pipelined batches were applied in the order they were built: each on its predecessor's image.
        assertThat(log.batchesWithMismatchedPreparedImage()).isZero();
        shut();

        // No snapshot: the restart decodes and replays every entry from its bytes.
        open(port, 1_000_000_000L);
        assertThat(log.image()).isEqualTo(live);
        assertThat(log.batchesAppliedFromPreparedImage()).isZero();
    }

    private static void awaitSettled(List<CompletableFuture<?>> futures) throws Exception {
        for (CompletableFuture<?> f : futures) {
            f.handle((v, e) -> null).get(DEADLINE_MS, TimeUnit.MILLISECONDS);
        }
    }

    private long latestSnapshot() throws IOException {
        long latest = -1;
        for (Path p : files()) {
            Matcher m = SNAPSHOT.matcher(p.getFileName().toString());
            if (m.matches()) {
                latest = Math.max(latest, Long.parseLong(m.group(2)));
            }
        }
        return latest;
    }

    /** The lowest index of any log segment on disk. */
    private long firstLogIndex() throws IOException {
        long first = Long.MAX_VALUE;
        for (Path p : files()) {
            String name = p.getFileName().toString();
            Matcher closed = CLOSED_SEGMENT.matcher(name);
            Matcher open = OPEN_SEGMENT.matcher(name);
            if (closed.matches()) {
                first = Math.min(first, Long.parseLong(closed.group(1)));
            } else if (open.matches()) {
                first = Math.min(first, Long.parseLong(open.group(1)));
            }
        }
        return first;
    }

    private List<long[]> closedSegments() throws IOException {
        List<long[]> out = new ArrayList<>();
        for (Path p : files()) {
            Matcher m = CLOSED_SEGMENT.matcher(p.getFileName().toString());
            if (m.matches()) {
                out.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return out;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
