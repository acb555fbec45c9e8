package io.corral.server.health;

import io.corral.server.commands.RegisterNode;
import io.corral.server.domain.Node;
import io.corral.server.testing.ControllerHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Not a test: measures the CPU time of the failure detector's checks with many nodes that all
 * heartbeat regularly, against a full scan of every node (what each check did before it kept
 * deadlines). Time is simulated: each step moves the fake clock by one check interval and records a
 * heartbeat for the nodes whose turn it is (every node beats once per {@code beatIntervalMs}).
 *
 * <pre>java -cp corral-server/target/classes:corral-server/target/test-classes:$(cat cp.txt) \
 *     io.corral.server.health.FailureDetectorCostBench 150000 15000 5000</pre>
 */
public final class FailureDetectorCostBench {
    private FailureDetectorCostBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 150_000;
        long timeoutMs = args.length > 1 ? Long.parseLong(args[1]) : 15_000;
        long beatIntervalMs = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
        try (ControllerHarness h = new ControllerHarness()) {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                pending.add(h.controller.submit(ControllerHarness.ACTOR,
                        new RegisterNode(ControllerHarness.spec("n-" + i), "s", false)));
                if (pending.size() == 4096) {
                    pending.forEach(ControllerHarness::await);
                    pending.clear();
                }
            }
            pending.forEach(ControllerHarness::await);
            HeartbeatTracker beats = new HeartbeatTracker();
            FailureDetector detector = new FailureDetector(h.controller, beats, h.clock, timeoutMs);
            String[] ids = new String[nodes];
            for (int i = 0; i < nodes; i++) {
                ids[i] = "n-" + i;
            }
            long steps = 4 * timeoutMs / FailureDetector.CHECK_INTERVAL_MS;
            long perStep = nodes * FailureDetector.CHECK_INTERVAL_MS / beatIntervalMs;
            for (int run = 0; run < 3; run++) {
                long detectorNanos = 0;
                long scanNanos = 0;
                long seen = 0;
                int cursor = 0;
                for (long s = 0; s < steps; s++) {
                    h.clock.advance(FailureDetector.CHECK_INTERVAL_MS);
                    for (long k = 0; k < perStep; k++) {
                        beats.record(ids[cursor], h.clock.millis(), Map.of());
                        cursor = (cursor + 1) % nodes;
                    }
                    long t0 = System.nanoTime();
                    detector.check();
                    long t1 = System.nanoTime();
                    seen += fullScan(h, beats, timeoutMs);
                    long t2 = System.nanoTime();
                    detectorNanos += t1 - t0;
                    scanNanos += t2 - t1;
                }
                System.out.printf("nodes %d, timeout %d ms, beats every %d ms, %d checks: deadlines %.2f ms/check "
                        + "(%.2f%% of a core at one check per %d ms), full scan %.2f ms/check (%.2f%%); "
                        + "judged %d, silent %d%n", nodes, timeoutMs, beatIntervalMs, steps,
                        detectorNanos / 1e6 / steps,
                        detectorNanos / 1e4 / steps / FailureDetector.CHECK_INTERVAL_MS,
                        FailureDetector.CHECK_INTERVAL_MS, scanNanos / 1e6 / steps,
                        scanNanos / 1e4 / steps / FailureDetector.CHECK_INTERVAL_MS,
                        detector.judgedCount(), seen);
            }
        }
    }

    /** What each check did before: every node, its heartbeat, its silence. Returns the silent ones. */
    private static long fullScan(ControllerHarness h, HeartbeatTracker beats, long timeoutMs) {
        long now = h.clock.millis();
        long silent = 0;
        for (Node n : h.controller.image().nodes().values()) {
            if (!n.monitored() || !n.status().watchedForHeartbeats()) {
                continue;
            }
            HeartbeatTracker.Beat beat = beats.last(n.id());
            long lastMs = Math.max(beat == null ? 0 : beat.atMs(), n.statusChangedAtMs());
            if (now - lastMs > timeoutMs) {
                silent++;
            }
        }
        return silent;
    }
}
