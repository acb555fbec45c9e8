package io.corral.bench;

import io.corral.bench.jmh.HeartbeatHandlerBenchmark;
import io.corral.bench.jmh.ReplayBenchmark;
import io.corral.bench.report.MachineInfo;
import io.corral.bench.report.Report;
import io.corral.bench.suites.HeartbeatSuite;
import io.corral.bench.suites.MutationSuite;
import io.corral.bench.suites.RestartSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The benchmark entry point: {@code BenchMain heartbeats|mutations|restart|all|replay|heartbeat-handler
 * [options]} (see {@link BenchOptions#USAGE}), or {@code BenchMain jfr RECORDING [THREAD-FILTER] [TOP]} to
 * summarise a server's CPU samples. Servers under test run as child JVMs on 127.0.0.1; the report goes to
 * stdout in Markdown (and to {@code --report FILE}), progress to stderr.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 1 && args[0].equals("watch")) {
            io.corral.bench.watch.WatchFanoutBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length >= 2 && args[0].equals("jfr")) {
            JfrSummary.print(Path.of(args[1]), args.length > 2 ? args[2] : null,
                    args.length > 3 ? Integer.parseInt(args[3]) : 40);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.command().equals("replay")) {
            JmhRunner.run(options, ReplayBenchmark.class);
            return;
        }
        if (options.command().equals("heartbeat-handler")) {
            JmhRunner.run(options, HeartbeatHandlerBenchmark.class);
            return;
        }
        run(options, String.join(" ", args));
    }

    /** Runs the benchmarks {@code options} name and returns the report. */
    public static Report run(BenchOptions options, String commandLine) throws Exception {
        // gRPC and Netty log through java.util.logging; keep them to warnings.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Path workDir = options.workDir() != null ? Files.createDirectories(options.workDir())
                : Files.createTempDirectory("corral-bench-");
        Report report = new Report();
        report.heading("Corral benchmark run");
        report.paragraph("Command: `BenchMain " + commandLine + "`\n\n" + MachineInfo.describe(workDir));
        BenchContext ctx = new BenchContext(options, report, workDir);
        Thread killer = new Thread(ctx::killAll, "bench-kill-children");
        Runtime.getRuntime().addShutdownHook(killer);
        boolean all = options.command().equals("all");
        try {
            if (all || options.command().equals("heartbeats")) {
                new HeartbeatSuite(ctx).run();
            }
            if (all || options.command().equals("mutations")) {
                new MutationSuite(ctx).run();
            }
            if (all || options.command().equals("restart")) {
                new RestartSuite(ctx).run();
            }
            report.paragraph("Load average at end: " + MachineInfo.loadAverage() + ".");
        } finally {
            ctx.killAll();
            Runtime.getRuntime().removeShutdownHook(killer);
            if (options.reportFile() != null) {
                report.writeTo(options.reportFile());
            }
            if (options.keepWorkDir()) {
                report.progress("kept the work dir " + workDir);
            } else {
                deleteTree(workDir);
            }
        }
        return report;
    }

    /** Deletes {@code dir} and everything under it. */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
