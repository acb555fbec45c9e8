package io.corral.bench.suites;

import io.corral.bench.BenchContext;
import io.corral.bench.BenchOptions;
import io.corral.bench.load.LoadResult;
import io.corral.bench.load.LoadRunner;
import io.corral.bench.process.CoordinatorClient;
import io.corral.bench.process.CoordinatorProcess;
import io.corral.bench.process.DiskUsage;
import io.corral.bench.report.Report;
import io.corral.bench.report.Table;
import io.corral.bench.workloads.RegistrationWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Restart time with many nodes in state. Fills a coordinator with nodes through the API, then
 * measures process start to {@code /readyz} 200 in three cases: after a crash (SIGKILL) with no
 * snapshot, so the whole log is replayed; after a clean stop (SIGTERM; Ratis then snapshots on
 * stop), so one snapshot is loaded; and after a crash of a coordinator that snapshots every few
 * entries, so the latest snapshot plus a log tail is loaded. The baseline in the same run is the
 * start of an empty coordinator (JVM, Ratis and HTTP start-up with nothing to load).
 */
public final class RestartSuite {
    private static final long NEVER_SNAPSHOT_ENTRIES = BenchContext.NO_AUTO_SNAPSHOT_ENTRIES;
    /** A fill stops early after this many failed snapshot attempts: each leaves a file of the whole image. */
    private static final long MAX_FAILED_SNAPSHOTS_WHILE_FILLING = 20;
    private static final long FILL_TIMEOUT_MS = 1_200_000;
    private static final Pattern SNAPSHOT_LOADED =
            Pattern.compile("loaded snapshot \\S+ \\((\\d+) nodes\\) in (\\d+) ms");

    private final BenchContext ctx;
    private final Table restarts = new Table("case", "nodes in state", "data dir before start",
            "preceding stop ms (snapshot on stop)", "start → ready ms", "snapshot loaded (nodes, load ms)",
            "nodes after restart");

    public RestartSuite(BenchContext ctx) {
        this.ctx = ctx;
    }

    public void run() throws Exception {
        BenchOptions o = ctx.options();
        Report report = ctx.report();
        report.heading("Restart time");
        report.paragraph(String.format("%,d nodes registered through the API (%d in flight), default workspace. "
                + "Start → ready is measured from launching the JVM (`corral serve` in a child process) until "
                + "`GET /readyz` answers 200, polled every 5 ms; the coordinator binds HTTP only after its state "
                + "is loaded and it leads.", o.restartNodes(), o.restartConcurrency()));
        Table fills = new Table("data dir", "--snapshot-every", "registered", "registrations/s", "p50 ms", "p99 ms",
                "errors", "Raft log index", "snapshots written", "failed snapshot attempts");

        Path empty = ctx.workDir().resolve("restart-empty");
        CoordinatorProcess c = start("baseline: empty, first start", "restart-empty-first", empty,
                NEVER_SNAPSHOT_ENTRIES, 0, "-");
        String stop = stop(c);
        c = start("baseline: empty, restart after clean stop", "restart-empty-again", empty, NEVER_SNAPSHOT_ENTRIES,
                0, stop);
        c.stopGracefully();

        Path logOnly = ctx.workDir().resolve("restart-log-only");
        c = ctx.startCoordinator("restart-fill-log-only", logOnly, NEVER_SNAPSHOT_ENTRIES);
        long filled = fill(c, fills, "log-only", NEVER_SNAPSHOT_ENTRIES);
        c.kill();
        c = start("crash (SIGKILL), no snapshot: whole log replayed", "restart-after-kill-log-only", logOnly,
                NEVER_SNAPSHOT_ENTRIES, filled, "-");
        stop = stop(c);
        c = start("clean stop (SIGTERM, snapshot on stop)", "restart-after-stop", logOnly, NEVER_SNAPSHOT_ENTRIES,
                filled, stop);
        c.stopGracefully();

        Path periodic = ctx.workDir().resolve("restart-periodic");
        c = ctx.startCoordinator("restart-fill-periodic", periodic, o.restartSnapshotEveryEntries());
        filled = fill(c, fills, "periodic", o.restartSnapshotEveryEntries());
        c.kill();
        c = start("crash (SIGKILL), snapshot every " + o.restartSnapshotEveryEntries() + " entries + log tail",
                "restart-after-kill-periodic", periodic, o.restartSnapshotEveryEntries(), filled, "-");
        c.stopGracefully();

        report.table(fills);
        report.table(restarts);
        report.paragraph("The data dir size is measured just before the start in that row; the preceding stop "
                + "is the clean stop (SIGTERM) just before that start, with whether Ratis' snapshot-on-stop "
                + "succeeded. Nodes after restart include the coordinator's own node.");
    }

    /** Registers the nodes (stopping early if snapshots keep failing) and returns how many were acknowledged. */
    private long fill(CoordinatorProcess corral, Table fills, String name, long snapshotEvery) throws Exception {
        BenchOptions o = ctx.options();
        CoordinatorClient admin = new CoordinatorClient(corral.url(), corral.adminToken());
        RegistrationWorkload reg = new RegistrationWorkload("r", o.restartNodes(), corral.adminToken());
        LoadResult r;
        try (LoadRunner runner = new LoadRunner(corral.host(), corral.port(), o.clientThreads())) {
            r = runner.runToCompletion(reg, Math.min(o.restartConcurrency(), o.restartNodes()), FILL_TIMEOUT_MS,
                    () -> corral.snapshotFailures() >= MAX_FAILED_SNAPSHOTS_WHILE_FILLING);
        }
        long index = (long) admin.metric("corral_log_applied_index");
        String registered = String.format("%,d", r.total().successes()) + (r.aborted()
                ? " (stopped early: " + MAX_FAILED_SNAPSHOTS_WHILE_FILLING + " failed snapshot attempts)" : "");
        fills.row(name, snapshotEvery == NEVER_SNAPSHOT_ENTRIES ? "never (only on clean stop)" : snapshotEvery,
                registered, Table.rate(r.successesPerSecond()), Table.ms(r.total().latencyMs(50)),
                Table.ms(r.total().latencyMs(99)), Measurement.errors(r.total()), index, corral.snapshotsWritten(),
                corral.snapshotFailures());
        if (r.aborted()) {
            ctx.report().paragraph("**The " + name + " fill was stopped early: the coordinator failed to write "
                    + "snapshots " + corral.snapshotFailures() + " times (see its log); every failed attempt "
                    + "serialises the whole image and leaves a `.tmp` file. Restart figures below for this data "
                    + "dir hold fewer nodes than asked.**");
        }
        ctx.report().progress(String.format("filled %s with %,d nodes at %s/s", name, r.total().successes(),
                Table.rate(r.successesPerSecond())));
        return r.total().successes();
    }

    /**
     * Starts a coordinator on {@code dataDir} and adds its row: the data dir size before the start,
     * {@code stopMs} (how long the stop before it took, or -1), start to ready, and a node count check.
     */
    private CoordinatorProcess start(String name, String logName, Path dataDir, long snapshotEvery, long nodes,
                                     String precedingStop) throws Exception {
        String size = Files.isDirectory(dataDir) ? DiskUsage.of(dataDir).describe() : "empty";
        CoordinatorProcess c = ctx.startCoordinator(logName, dataDir, snapshotEvery);
        long count = new CoordinatorClient(c.url(), c.adminToken()).nodeCount();
        restarts.row(name, String.format("%,d", nodes), size, precedingStop, c.startToReadyMs(),
                snapshotLoad(c.logLines()), String.format("%,d", count));
        ctx.report().progress(name + ": ready in " + c.startToReadyMs() + " ms, " + count + " nodes");
        if (count != nodes + 1) {
            ctx.report().paragraph("**WARNING: expected " + (nodes + 1) + " nodes after '" + name + "', found "
                    + count + ".**");
        }
        return c;
    }

    /**
     * Stops {@code c} with SIGTERM; returns e.g. {@code "412 (snapshot written)"}
     * or {@code "35 (snapshot FAILED)"}.
     */
    private static String stop(CoordinatorProcess c) throws InterruptedException {
        long writtenBefore = c.snapshotsWritten();
        long failedBefore = c.snapshotFailures();
        long ms = c.stopGracefully();
        long written = c.snapshotsWritten() - writtenBefore;
        long failed = c.snapshotFailures() - failedBefore;
        return ms + (written > 0 ? " (snapshot written)" : failed > 0 ? " (snapshot FAILED)" : " (no snapshot)");
    }

    private static String snapshotLoad(List<String> logLines) {
        for (String line : logLines) {
            Matcher m = SNAPSHOT_LOADED.matcher(line);
            if (m.find()) {
                return String.format("%,d nodes, %s ms", Long.parseLong(m.group(1)), m.group(2));
            }
        }
        return "none";
    }
}
