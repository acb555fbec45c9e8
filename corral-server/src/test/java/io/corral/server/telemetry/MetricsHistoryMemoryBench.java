package io.corral.server.telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Measures the heap the metric history takes for many nodes after a week of samples (not a unit test:
 * run it by hand, see docs/benchmarks.md). Feeds every node one sample of all seven series every
 * {@code intervalSeconds} for {@code days}, in time order, then reports the retained heap per node
 * (used heap after full GCs, minus the baseline) next to {@link MetricsHistory#BYTES_PER_NODE}, and the
 * time to answer a 7-day and a 1-hour query.
 *
 * <p>Arguments: {@code [nodes=10000] [days=7] [intervalSeconds=30]}. 30 s is the finest bucket width,
 * so every bucket of every tier holds data, as it would with 5-second heartbeats.
 */
public final class MetricsHistoryMemoryBench {
    private MetricsHistoryMemoryBench() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int intervalSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String[] ids = new String[nodes];
        for (int i = 0; i < nodes; i++) {
            ids[i] = "node-" + i;
        }
        long before = usedAfterGc();
        MetricsHistory history = new MetricsHistory();
        long start = 1_700_000_000_000L;
        long end = start + days * 24L * 3_600_000L;
        long samples = 0;
        long t0 = System.nanoTime();
        for (long t = start; t < end; t += intervalSeconds * 1_000L) {
            double phase = (t - start) / 3_600_000.0;
            double[] v = {
                50 + 40 * Math.sin(phase), 60 + 20 * Math.cos(phase), 40 + phase / 24, 1.5 + Math.sin(phase),
                1e6 * (2 + Math.sin(phase)), 5e5 * (2 + Math.cos(phase)), 100 + 50 * Math.sin(phase / 3)};
            HostSample s = new HostSample(v, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            for (String id : ids) {
                history.record(id, t, s);
            }
            samples += nodes;
        }
        double feedSeconds = (System.nanoTime() - t0) / 1e9;
        long after = usedAfterGc();
        long q0 = System.nanoTime();
        int queries = 1_000;
        double sink = 0;
        for (int i = 0; i < queries; i++) {
            sink += history.query(ids[i % nodes], Period.SEVEN_DAYS, SeriesMetric.CPU_PERCENT, end).average();
        }
        double weekQueryMicros = (System.nanoTime() - q0) / 1e3 / queries;
        q0 = System.nanoTime();
        for (int i = 0; i < queries; i++) {
            sink += history.query(ids[i % nodes], Period.ONE_HOUR, SeriesMetric.CPU_PERCENT, end).average();
        }
        double hourQueryMicros = (System.nanoTime() - q0) / 1e3 / queries;
        long retained = after - before;
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "nodes %d, %d days, one sample of 7 series every %d s: %,d samples fed in %.1f s "
                + "(%.1f M samples/s)%n", nodes, days, intervalSeconds, samples, feedSeconds, samples / feedSeconds / 1e6);
        System.out.printf(Locale.ROOT, "retained heap: %.1f MiB total, %,d bytes per node (stated bound %,d bytes per "
                + "node + map entry)%n", retained / 1048576.0, retained / nodes, MetricsHistory.BYTES_PER_NODE);
        System.out.printf(Locale.ROOT, "query one node, one metric: 7d %.1f us, 1h %.1f us (checksum %.3f)%n",
                weekQueryMicros, hourQueryMicros, sink);
        if (history.size() != nodes) {
            throw new IllegalStateException("expected " + nodes + " histories, got " + history.size());
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
