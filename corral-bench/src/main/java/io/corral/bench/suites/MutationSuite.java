package io.corral.bench.suites;

import io.corral.bench.BenchContext;
import io.corral.bench.BenchOptions;
import io.corral.bench.load.KindStats;
import io.corral.bench.load.LoadResult;
import io.corral.bench.load.LoadRunner;
import io.corral.bench.load.WindowListener;
import io.corral.bench.process.BatchSampler;
import io.corral.bench.process.CoordinatorClient;
import io.corral.bench.process.CoordinatorProcess;
import io.corral.bench.process.CpuMeter;
import io.corral.bench.process.FsyncProbe;
import io.corral.bench.report.Report;
import io.corral.bench.report.Table;
import io.corral.bench.workloads.MutationWorkload;
import java.util.Collections;
import java.util.List;

/**
 * Durable mutations: one coordinator (Ratis on disk) is primed, then takes a closed loop of register /
 * maintenance on / maintenance off commands at each concurrency level for a fixed window. Each reply
 * means the change is committed and flushed. The baseline in the same run is the disk itself: the
 * latency of a forced append, the floor under any one durable write.
 */
public final class MutationSuite {
    /** The goal in durable mutations per second at the best concurrency. */
    public static final double GOAL_PER_SECOND = 20_000;
    private static final int FSYNC_PROBE_APPENDS = 500;
    private static final List<String> KINDS = List.of(MutationWorkload.REGISTER, MutationWorkload.MAINTENANCE_ON,
            MutationWorkload.MAINTENANCE_OFF);

    private final BenchContext ctx;
    private int runSeq;

    public MutationSuite(BenchContext ctx) {
        this.ctx = ctx;
    }

    public void run() throws Exception {
        BenchOptions o = ctx.options();
        Report report = ctx.report();
        report.heading("Durable mutations");
        FsyncProbe.Result disk = FsyncProbe.run(ctx.workDir(), FSYNC_PROBE_APPENDS);
        report.paragraph(String.format("Baseline (same run, same file system): %d appends of %d B each forced "
                        + "to disk (FileChannel.force) one after another: p50 %s ms, p99 %s ms, %s appends/s.",
                disk.appends(), FsyncProbe.RECORD_BYTES, Table.ms(disk.p50Ms()), Table.ms(disk.p99Ms()),
                Table.rate(disk.appendsPerSecond())));
        report.paragraph(String.format("Workload: per in-flight slot, register a new node, maintenance on, "
                        + "maintenance off, repeat (admin token). One coordinator for all levels, primed for %d ms "
                        + "at %d in flight; per level a warm-up of %d ms and a window of %d ms. "
                        + "`--snapshot-every %d`%s.",
                o.primeMs(), Collections.max(o.mutationConcurrency()), o.warmupMs(), o.durationMs(),
                o.mutationSnapshotEveryEntries(),
                o.mutationSnapshotEveryEntries() >= BenchContext.NO_AUTO_SNAPSHOT_ENTRIES
                        ? " (no automatic snapshot during the run: this measures the write path alone)" : ""));
        Table total = new Table(Measurement.join(List.of("in flight", "nodes before"), Measurement.HEADERS,
                List.of("batches", "mutations per batch", "commit p50 ms", "commit p99 ms",
                        "failed snapshot attempts")));
        Table kinds = new Table("in flight", "kind", "per s", "p50 ms", "p99 ms", "errors");
        double best = 0;
        double single = 0;
        try (CoordinatorProcess corral = ctx.startCoordinator("mutations", ctx.workDir().resolve("mutations"),
                o.mutationSnapshotEveryEntries())) {
            CoordinatorClient admin = new CoordinatorClient(corral.url(), corral.adminToken());
            try (LoadRunner runner = new LoadRunner(corral.host(), corral.port(), o.clientThreads())) {
                int primeInFlight = Collections.max(o.mutationConcurrency());
                runner.runFor(workload(corral, primeInFlight), primeInFlight, o.primeMs(), 1);
            }
            for (int inFlight : o.mutationConcurrency()) {
                double perSecond = runLevel(corral, admin, inFlight, total, kinds);
                best = Math.max(best, perSecond);
                if (inFlight == 1) {
                    single = perSecond;
                }
            }
            corral.stopGracefully();
        }
        report.table(total);
        report.paragraph("Batches are the coordinator's own count of log entries it appended "
                + "(`corral_log_commit_latency_seconds_count`); commit latency is the same summary's quantiles "
                + "(time from handing a batch to Ratis until committed and applied), decaying over about two "
                + "minutes, so they include the warm-up.");
        report.table(kinds);
        report.paragraph(String.format("**Durable mutations: best %s/s; goal ≥ %s/s: %s.**%s", Table.rate(best),
                Table.rate(GOAL_PER_SECOND), best >= GOAL_PER_SECOND ? "met" : "NOT met",
                single > 0 ? String.format(" Batching: the best level does %.1f× the rate of one client in flight.",
                        best / single) : ""));
    }

    private MutationWorkload workload(CoordinatorProcess corral, int inFlight) {
        return new MutationWorkload("m" + (runSeq++), corral.adminToken(), inFlight);
    }

    private double runLevel(CoordinatorProcess corral, CoordinatorClient admin, int inFlight, Table total,
                            Table kinds) throws Exception {
        BenchOptions o = ctx.options();
        long nodesBefore = admin.nodeCount();
        CpuMeter cpu = new CpuMeter(corral.jvm().pid());
        BatchSampler batches = new BatchSampler(admin);
        LoadResult r;
        try (LoadRunner runner = new LoadRunner(corral.host(), corral.port(), o.clientThreads())) {
            r = runner.runFor(workload(corral, inFlight), inFlight, o.warmupMs(), o.durationMs(),
                    WindowListener.both(cpu, batches));
        }
        double commitP50 = admin.metric("corral_log_commit_latency_seconds{quantile=\"0.5\"") * 1e3;
        double commitP99 = admin.metric("corral_log_commit_latency_seconds{quantile=\"0.99\"") * 1e3;
        Measurement m = new Measurement("coordinator", r, cpu);
        long n = batches.batches();
        total.row(Measurement.join(List.of(inFlight, String.format("%,d", nodesBefore)), m.cells(),
                List.of(n < 0 ? "n/a" : n, n <= 0 ? "n/a" : Table.fixed((double) m.successes() / n, 1),
                        Table.ms(commitP50), Table.ms(commitP99), corral.snapshotFailures())));
        for (String kind : KINDS) {
            KindStats s = r.byKind().get(kind);
            if (s != null) {
                kinds.row(inFlight, kind, Table.rate(r.successesPerSecond(kind)), Table.ms(s.latencyMs(50)),
                        Table.ms(s.latencyMs(99)), Measurement.errors(s));
            }
        }
        if (r.total().errors() > 0) {
            ctx.report().progress("first error: " + r.total().firstErrorDetail());
        }
        ctx.report().progress(inFlight + " in flight: " + Table.rate(m.perSecond()) + " mutations/s");
        return m.perSecond();
    }
}
