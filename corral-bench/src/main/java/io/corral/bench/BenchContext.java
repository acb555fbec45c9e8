package io.corral.bench;

import io.corral.bench.baseline.BaselineServerMain;
import io.corral.bench.process.ChildJvm;
import io.corral.bench.process.CoordinatorProcess;
import io.corral.bench.process.CoordinatorSettings;
import io.corral.bench.process.Ports;
import io.corral.bench.process.ReadyProbe;
import io.corral.bench.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every benchmark suite shares: the options, the report, the work directory, and starting the
 * servers under test as child JVMs with the same JVM options, each with its own log file.
 */
public final class BenchContext {
    /** Node timeout of benchmark coordinators: long, so idle nodes cause no failure-detector writes. */
    public static final long NODE_TIMEOUT_MS = 3_600_000;
    /** A {@code --snapshot-every} no benchmark reaches: such a coordinator snapshots only when stopped. */
    public static final long NO_AUTO_SNAPSHOT_ENTRIES = 1_000_000_000L;
    private static final long BASELINE_READY_TIMEOUT_MS = 60_000;

    private final BenchOptions options;
    private final Report report;
    private final Path workDir;
    private final AtomicInteger logSeq = new AtomicInteger();
    private final List<ChildJvm> children = new CopyOnWriteArrayList<>();

    public BenchContext(BenchOptions options, Report report, Path workDir) {
        this.options = options;
        this.report = report;
        this.workDir = workDir;
    }

    public BenchOptions options() {
        return options;
    }

    public Report report() {
        return report;
    }

    public Path workDir() {
        return workDir;
    }

    private Path logFile(String name) {
        return workDir.resolve(String.format("%02d-%s.log", logSeq.incrementAndGet(), name));
    }

    /** Starts a coordinator on {@code dataDir} (fresh or existing) and waits until it is ready. */
    public CoordinatorProcess startCoordinator(String name, Path dataDir, long snapshotEveryEntries) throws Exception {
        CoordinatorSettings s = new CoordinatorSettings(dataDir, snapshotEveryEntries, NODE_TIMEOUT_MS,
                options.serverJvmOptions(), options.serverCpus());
        CoordinatorProcess c = CoordinatorProcess.start(options.childClassPath(), s, logFile(name));
        children.add(c.jvm());
        return c;
    }

    /** Starts the raw Vert.x heartbeat baseline with {@code instances} verticles; returns once it answers. */
    public ChildJvm startBaseline(int port, int instances) throws Exception {
        long started = System.nanoTime();
        ChildJvm jvm = ChildJvm.start(options.childClassPath(), options.serverJvmOptions(),
                BaselineServerMain.class.getName(), List.of(Integer.toString(port), Integer.toString(instances)),
                logFile("baseline"), options.serverCpus());
        children.add(jvm);
        try {
            ReadyProbe.awaitReady("http://127.0.0.1:" + port, started, BASELINE_READY_TIMEOUT_MS, jvm);
            return jvm;
        } catch (Exception e) {
            jvm.close();
            throw e;
        }
    }

    /** Kills every server this context started that still runs (after a failure, say). */
    public void killAll() {
        for (ChildJvm c : children) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
