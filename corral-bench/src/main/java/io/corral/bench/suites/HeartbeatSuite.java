package io.corral.bench.suites;

import io.corral.bench.BenchContext;
import io.corral.bench.BenchOptions;
import io.corral.bench.load.LoadResult;
import io.corral.bench.load.LoadRunner;
import io.corral.bench.load.NettyLoadRunner;
import io.corral.bench.load.WindowListener;
import io.corral.bench.process.ChildJvm;
import io.corral.bench.process.CoordinatorProcess;
import io.corral.bench.process.CpuMeter;
import io.corral.bench.process.Ports;
import io.corral.bench.report.Report;
import io.corral.bench.report.Table;
import io.corral.bench.workloads.HeartbeatWorkload;
import io.corral.bench.workloads.RegistrationWorkload;
import java.util.ArrayList;
import java.util.List;

/**
 * Heartbeat ingest: registers nodes on a coordinator, then sends heartbeats for a fixed window over
 * keep-alive connections (by default one per node, as each node's agent keeps its own; fewer make the
 * nodes take turns on them) with the {@link NettyLoadRunner}, and measures a raw Vert.x baseline server
 * with the very same requests in the same run. Both servers are primed with uncounted load first
 * (their JIT and the load generator's); then rounds alternate the order (baseline first, then
 * coordinator first) so a drift in machine load does not favour one side.
 */
public final class HeartbeatSuite {
    /** The goal: the coordinator ingests at least this fraction of the baseline's rate. */
    public static final double GOAL_RATIO = 0.9;
    private static final int REGISTRATION_IN_FLIGHT = 64;
    private static final long REGISTRATION_TIMEOUT_MS = 300_000;
    private static final int BASELINE_INSTANCES = 2;

    private final BenchContext ctx;

    public HeartbeatSuite(BenchContext ctx) {
        this.ctx = ctx;
    }

    public void run() throws Exception {
        BenchOptions o = ctx.options();
        Report report = ctx.report();
        report.heading("Heartbeat ingest");
        report.paragraph(String.format("%d nodes, %d keep-alive connections (one request in flight on each), "
                        + "%d load-generator event loops (Netty, requests written as prepared bytes); each server "
                        + "primed for %d ms, then per window a warm-up of %d ms and a window of %d ms; %d round(s). "
                        + "Each node heartbeats with its own node token; "
                        + "the baseline receives byte-identical requests.", o.heartbeatNodes(),
                o.heartbeatConnections(), o.clientThreads(), o.primeMs(), o.warmupMs(), o.durationMs(), o.rounds()));
        int baselinePort = Ports.free();
        try (ChildJvm baseline = ctx.startBaseline(baselinePort, BASELINE_INSTANCES);
             CoordinatorProcess corral = ctx.startCoordinator("heartbeats-coordinator",
                     ctx.workDir().resolve("heartbeats-data"), 20_000);
             HeartbeatWorkload workload = registerNodes(corral)) {
            prime(baselinePort, workload);
            prime(corral.port(), workload);
            Table table = new Table(Measurement.join(List.of("round", "server"), Measurement.HEADERS));
            List<Measurement> base = new ArrayList<>();
            List<Measurement> coord = new ArrayList<>();
            for (int round = 1; round <= o.rounds(); round++) {
                boolean baselineFirst = round % 2 == 1;
                for (int i = 0; i < 2; i++) {
                    boolean isBaseline = (i == 0) == baselineFirst;
                    Measurement m = isBaseline
                            ? measure("raw Vert.x baseline", baselinePort, baseline.pid(), workload)
                            : measure("Corral coordinator", corral.port(), corral.jvm().pid(), workload);
                    (isBaseline ? base : coord).add(m);
                    table.row(Measurement.join(List.of(round, m.server()), m.cells()));
                    report.progress(String.format("round %d %s: %s req/s", round, m.server(),
                            Table.rate(m.perSecond())));
                }
            }
            report.table(table);
            summarize(report, base, coord);
        }
    }

    private HeartbeatWorkload registerNodes(CoordinatorProcess corral) throws Exception {
        int n = ctx.options().heartbeatNodes();
        RegistrationWorkload reg = new RegistrationWorkload("hb", n, corral.adminToken());
        LoadResult r;
        try (LoadRunner runner = new LoadRunner(corral.host(), corral.port(), ctx.options().clientThreads())) {
            r = runner.runToCompletion(reg, Math.min(REGISTRATION_IN_FLIGHT, n), REGISTRATION_TIMEOUT_MS);
        }
        if (r.total().errors() > 0) {
            throw new IllegalStateException("registering the heartbeat nodes failed: "
                    + Measurement.errors(r.total()) + " " + r.total().firstErrorDetail());
        }
        List<String> ids = new ArrayList<>(n);
        List<String> tokens = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(RegistrationWorkload.nodeId("hb", i));
            tokens.add(reg.token(i));
        }
        ctx.report().progress("registered " + n + " nodes in " + Table.fixed(r.windowSeconds(), 1) + " s");
        return new HeartbeatWorkload(ids, tokens, ctx.options().heartbeatConnections());
    }

    /** Uncounted load for {@code --prime}, so the server's JIT and this JVM's are warm before any window. */
    private void prime(int port, HeartbeatWorkload workload) throws Exception {
        BenchOptions o = ctx.options();
        try (NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", port, o.clientThreads())) {
            runner.runFor(workload, o.heartbeatConnections(), o.primeMs(), 1, WindowListener.NONE);
        }
    }

    /** Warm-up, then one counted window against the server on {@code port}. */
    private Measurement measure(String server, int port, long pid, HeartbeatWorkload workload) throws Exception {
        BenchOptions o = ctx.options();
        CpuMeter cpu = new CpuMeter(pid);
        try (NettyLoadRunner runner = new NettyLoadRunner("127.0.0.1", port, o.clientThreads())) {
            LoadResult r = runner.runFor(workload, o.heartbeatConnections(), o.warmupMs(), o.durationMs(), cpu);
            return new Measurement(server, r, cpu);
        }
    }

    private static void summarize(Report report, List<Measurement> base, List<Measurement> coord) {
        double baseMean = base.stream().mapToDouble(Measurement::perSecond).average().orElse(0);
        double coordMean = coord.stream().mapToDouble(Measurement::perSecond).average().orElse(0);
        double ratio = baseMean == 0 ? 0 : coordMean / baseMean;
        StringBuilder perRound = new StringBuilder();
        for (int i = 0; i < Math.min(base.size(), coord.size()); i++) {
            perRound.append(i == 0 ? "" : ", ").append(Table.fixed(coord.get(i).perSecond()
                    / base.get(i).perSecond(), 2));
        }
        report.paragraph(String.format("**Heartbeats: Corral %s req/s vs baseline %s req/s (means over rounds): "
                        + "ratio %.2f (per round: %s); goal ≥ %.1f × baseline: %s.**", Table.rate(coordMean),
                Table.rate(baseMean), ratio, perRound, GOAL_RATIO, ratio >= GOAL_RATIO ? "met" : "NOT met"));
        double baseCpu = meanServerMicros(base);
        double coordCpu = meanServerMicros(coord);
        if (baseCpu > 0 && coordCpu > 0) {
            report.paragraph(String.format("Server CPU per heartbeat (means over rounds): Corral %.1f µs, baseline "
                            + "%.1f µs, so Corral needs %.2f× the baseline's CPU per heartbeat. Where the server, not "
                            + "the load generator or other load, is the bottleneck, that bounds the rate ratio at "
                            + "about %.2f.", coordCpu, baseCpu, coordCpu / baseCpu, baseCpu / coordCpu));
        }
    }

    private static double meanServerMicros(List<Measurement> ms) {
        return ms.stream().mapToDouble(m -> m.cpu().serverMicrosPer(m.successes())).average().orElse(-1);
    }
}
