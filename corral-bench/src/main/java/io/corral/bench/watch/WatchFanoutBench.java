package io.corral.bench.watch;

import io.corral.bench.BenchContext;
import io.corral.bench.process.CoordinatorProcess;
import io.corral.bench.process.CoordinatorSettings;
import io.corral.bench.process.ProcessCpu;
import io.corral.bench.report.MachineInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * How fast one shard-map change reaches many watchers (see {@link WatchOptions#USAGE}). The coordinator
 * runs in a child JVM so its CPU and heap are measured apart from the load generator's, whose watchers
 * are {@link NettyWatchers}. A watcher has a version when its whole response (long-poll) or event
 * (stream) has arrived. Its latency is counted from three moments: the change's own timestamp (the
 * resource's {@code updated_at}, stamped by the coordinator when it accepted the change, before the Raft
 * commit and fsync; milliseconds, so up to 1 ms too long), the moment just before the writer sent the
 * change (adds the writer's request), and the writer's acknowledgement (a lower bound: many watchers have
 * the change before the writer has its answer). Heap per watcher is measured after the changes, by full
 * GCs with all watchers open, after the streams closed and after the long-polls closed, for server and
 * load generator separately.
 */
public final class WatchFanoutBench {
    private static final String RESOURCE = "/api/v1/workspaces/default/resources";
    private final WatchOptions o;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient admin = HttpClient.newHttpClient();
    /** Epoch nanoseconds minus {@link System#nanoTime()}, to put arrivals on the coordinator's clock. */
    private final long epochOffsetNanos = epochNanos(Instant.now()) - System.nanoTime();
    private CoordinatorProcess server;

    private final PrintStream out;

    private WatchFanoutBench(WatchOptions o, PrintStream out) {
        this.o = o;
        this.out = out;
    }

    /** Runs the benchmark with {@code o}, printing its results to {@code out}; throws if a watcher failed. */
    public static void run(WatchOptions o, PrintStream out) throws Exception {
        new WatchFanoutBench(o, out).run();
    }

    public static void main(String[] args) throws Exception {
        WatchOptions o;
        try {
            o = WatchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
            return;
        }
        run(o, System.out);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("corral-watch-bench");
        String loadAtStart = MachineInfo.loadAverage();
        server = CoordinatorProcess.start(System.getProperty("java.class.path"), new CoordinatorSettings(
                dir.resolve("data"), BenchContext.NO_AUTO_SNAPSHOT_ENTRIES, BenchContext.NODE_TIMEOUT_MS,
                o.serverJvmOptions(), o.serverCpus()), dir.resolve("server.log"));
        NettyWatchers watchers = new NettyWatchers(server.host(), server.port(), server.adminToken(),
                o.clientThreads());
        try {
            send("POST", "/api/v1/workspaces/default/nodes", "{\"id\":\"n1\"}");
            send("POST", RESOURCE, "{\"id\":\"w\",\"partitions\":4}");
            long version = currentVersion();
            Arrivals longPollArrivals = new Arrivals();
            Arrivals sseArrivals = new Arrivals();
            AtomicInteger opened = new AtomicInteger();
            watchers.openLongPolls(o.longPolls(), version, longPollArrivals, opened);
            watchers.openStreams(o.streams(), sseArrivals, opened);
            awaitOpen(opened, o.watchers());
            for (int i = 0; i < o.warmupChanges(); i++) {
                version = change(version, i, longPollArrivals, sseArrivals, null);
            }
            Latencies lat = new Latencies();
            long serverCpu0 = ProcessCpu.cpuNanos(server.jvm().pid());
            long clientCpu0 = ProcessCpu.selfCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < o.changes(); i++) {
                version = change(version, i, longPollArrivals, sseArrivals, lat);
            }
            double windowSeconds = (System.nanoTime() - t0) / 1e9;
            long serverCpu = ProcessCpu.cpuNanos(server.jvm().pid()) - serverCpu0;
            long clientCpu = ProcessCpu.selfCpuNanos() - clientCpu0;
            out.printf(Locale.ROOT, "watchers: %d long-poll + %d SSE over %d client event loops; "
                            + "changes: %d measured after %d warm-up, %d ms apart; load average %s at start, %s at end%n",
                    o.longPolls(), o.streams(), o.clientThreads(), o.changes(), o.warmupChanges(), o.pauseMs(),
                    loadAtStart, MachineInfo.loadAverage());
            lat.print(out);
            if (watchers.errors() > 0) {
                throw new IllegalStateException(watchers.errors() + " watcher requests failed or were not answered 200");
            }
            // Heap per watcher after the latency window: the full GCs it takes shrink the server's heap, and
            // a heap regrowing from that would add collections to the window that a running server has not.
            HeapSample withAll = HeapSample.take(server.jvm().pid());
            watchers.closeStreams();
            HeapSample withLongPolls = HeapSample.settled(server.jvm().pid());
            watchers.closeLongPolls();
            HeapSample none = HeapSample.settled(server.jvm().pid());
            out.printf(Locale.ROOT, "CPU during the measured changes (%.1f s): server %.1f ms per change "
                            + "(%.2f cores), load generator %.1f ms per change (%.2f cores)%n", windowSeconds,
                    serverCpu / 1e6 / o.changes(), serverCpu / 1e9 / windowSeconds,
                    clientCpu / 1e6 / o.changes(), clientCpu / 1e9 / windowSeconds);
            out.printf(Locale.ROOT, "heap after full GC per open watcher: server %s long-poll, %s SSE; "
                            + "load generator %s long-poll, %s SSE%n",
                    perWatcher(withLongPolls.serverBytes() - none.serverBytes(), o.longPolls()),
                    perWatcher(withAll.serverBytes() - withLongPolls.serverBytes(), o.streams()),
                    perWatcher(withLongPolls.clientBytes() - none.clientBytes(), o.longPolls()),
                    perWatcher(withAll.clientBytes() - withLongPolls.clientBytes(), o.streams()));
        } finally {
            watchers.close();
            server.close();
            io.corral.bench.BenchMain.deleteTree(dir);
        }
    }

    private static String perWatcher(long bytes, int watchers) {
        return watchers == 0 ? "-" : String.format(Locale.ROOT, "%,d bytes", bytes / watchers);
    }

    /** Waits until {@code total} watchers are open. */
    private static void awaitOpen(AtomicInteger opened, int total) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (opened.get() < total && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        if (opened.get() < total) {
            throw new IllegalStateException("only " + opened.get() + " of " + total + " watchers opened");
        }
        Thread.sleep(1_000);
    }

    /** Makes change number {@code i}, waits until every watcher has it and records latencies if asked. */
    private long change(long version, int i, Arrivals lp, Arrivals sse, Latencies into) throws Exception {
        long next = version + 1;
        lp.expect(next, o.longPolls());
        sse.expect(next, o.streams());
        long sentNanos = System.nanoTime();
        HttpResponse<String> ack = send("PATCH", RESOURCE + "/w", "{\"partitions\":" + (5 + i % 2) + "}");
        long ackNanos = System.nanoTime();
        long changeNanos = epochNanos(Instant.parse(JSON.readTree(ack.body()).path("data").path("updated_at").asText()))
                - epochOffsetNanos;
        if (!lp.awaitAll(next, WatchOptions.DELIVERY_TIMEOUT_SECONDS)
                || !sse.awaitAll(next, WatchOptions.DELIVERY_TIMEOUT_SECONDS)) {
            throw new IllegalStateException("version " + next + " reached " + lp.seen(next) + " of " + o.longPolls()
                    + " long-polls and " + sse.seen(next) + " of " + o.streams() + " streams within "
                    + WatchOptions.DELIVERY_TIMEOUT_SECONDS + " s (current version " + currentVersion() + ")");
        }
        long[] lpNanos = lp.take(next);
        long[] sseNanos = sse.take(next);
        if (into != null) {
            into.record(changeNanos, sentNanos, ackNanos, lpNanos, sseNanos);
        }
        Thread.sleep(o.pauseMs());
        return next;
    }

    private long currentVersion() throws Exception {
        HttpResponse<String> r = request("GET", "/api/v1/workspaces/default/shardmap", null);
        return Long.parseLong(r.headers().firstValue("X-Corral-Index").orElseThrow());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = request(method, path, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static long epochNanos(Instant t) {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }

    private HttpResponse<String> request(String method, String path, String body) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + server.adminToken()).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Heap after full GCs of the server and of this JVM. */
    private record HeapSample(long serverBytes, long clientBytes) {
        /** Taken after a second, so that the server has dropped watchers whose connections just closed. */
        static HeapSample settled(long serverPid) throws Exception {
            Thread.sleep(1_000);
            return take(serverPid);
        }

        static HeapSample take(long serverPid) throws Exception {
            long server = ServerHeap.usedAfterGcBytes(serverPid);
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            Runtime rt = Runtime.getRuntime();
            return new HeapSample(server, rt.totalMemory() - rt.freeMemory());
        }
    }

    /**
     * Delivery latencies per watcher kind, from the change's timestamp, from the writer's send and from
     * its acknowledgement.
     */
    private static final class Latencies {
        final Histogram lpFromChange = new Histogram(3);
        final Histogram sseFromChange = new Histogram(3);
        final Histogram allFromChange = new Histogram(3);
        final Histogram lpFromSend = new Histogram(3);
        final Histogram sseFromSend = new Histogram(3);
        final Histogram allFromSend = new Histogram(3);
        final Histogram lpFromAck = new Histogram(3);
        final Histogram sseFromAck = new Histogram(3);
        final Histogram write = new Histogram(3);
        final Histogram sendToChange = new Histogram(3);
        /** Per change: when its last watcher (of either kind) had it, from the change's timestamp. */
        final Histogram lastFromChange = new Histogram(3);
        long beforeAck;
        long total;

        void record(long changeNanos, long sentNanos, long ackNanos, long[] lp, long[] sse) {
            write.recordValue((ackNanos - sentNanos) / 1_000);
            sendToChange.recordValue(Math.max(0, (changeNanos - sentNanos) / 1_000));
            add(changeNanos, sentNanos, ackNanos, lp, lpFromChange, lpFromSend, lpFromAck);
            add(changeNanos, sentNanos, ackNanos, sse, sseFromChange, sseFromSend, sseFromAck);
            long last = changeNanos;
            for (long t : lp) {
                last = Math.max(last, t);
            }
            for (long t : sse) {
                last = Math.max(last, t);
            }
            lastFromChange.recordValue((last - changeNanos) / 1_000);
        }

        private void add(long changeNanos, long sentNanos, long ackNanos, long[] seen, Histogram fromChange,
                         Histogram fromSend, Histogram fromAck) {
            for (long t : seen) {
                long changeUs = Math.max(0, (t - changeNanos) / 1_000);
                fromChange.recordValue(changeUs);
                allFromChange.recordValue(changeUs);
                long us = Math.max(0, (t - sentNanos) / 1_000);
                fromSend.recordValue(us);
                allFromSend.recordValue(us);
                fromAck.recordValue(Math.max(0, (t - ackNanos) / 1_000));
                if (t < ackNanos) {
                    beforeAck++;
                }
                total++;
            }
        }

        void print(PrintStream out) {
            out.println("delivery latency, ms from the change's timestamp (updated_at, set by the coordinator "
                    + "before the commit; ms precision):");
            header(out);
            row(out, "long-poll", lpFromChange);
            row(out, "SSE", sseFromChange);
            row(out, "all", allFromChange);
            row(out, "(each change's last watcher; count = changes)", lastFromChange);
            out.println("delivery latency, ms from just before the writer sent the change:");
            header(out);
            row(out, "long-poll", lpFromSend);
            row(out, "SSE", sseFromSend);
            row(out, "all", allFromSend);
            row(out, "(writer's request, send to acknowledgement)", write);
            row(out, "(writer's send to the change's timestamp)", sendToChange);
            out.println("delivery latency, ms from the writer's acknowledgement (0 when the watcher was first; "
                    + String.format(Locale.ROOT, "%.1f%% were", total == 0 ? 0.0 : 100.0 * beforeAck / total) + "):");
            header(out);
            row(out, "long-poll", lpFromAck);
            row(out, "SSE", sseFromAck);
        }

        private static void header(PrintStream out) {
            out.println("| watchers | deliveries | p50 | p90 | p99 | max |");
            out.println("|---|---:|---:|---:|---:|---:|");
        }

        private static void row(PrintStream out, String name, Histogram h) {
            out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, h.getTotalCount(),
                    ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0);
        }

        private static double ms(Histogram h, double percentile) {
            return h.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
