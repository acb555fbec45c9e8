package io.corral.bench;

import io.corral.server.config.Durations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of a benchmark run, parsed from {@code --name value} arguments (see {@link #USAGE}).
 * Every benchmark is bounded: by a duration, or by a count with a timeout.
 */
public record BenchOptions(
        String command,
        long primeMs,
        long warmupMs,
        long durationMs,
        int rounds,
        int heartbeatNodes,
        int heartbeatConnections,
        List<Integer> mutationConcurrency,
        long mutationSnapshotEveryEntries,
        int restartNodes,
        int restartConcurrency,
        long restartSnapshotEveryEntries,
        int clientThreads,
        List<String> serverJvmOptions,
        String serverCpus,
        Path workDir,
        boolean keepWorkDir,
        Path reportFile,
        String childClassPath) {

    public static final String USAGE = String.join("\n",
            "usage: BenchMain heartbeats|mutations|restart|all|replay|heartbeat-handler [options]",
            "       BenchMain jfr RECORDING.jfr [THREAD-FILTER] [TOP]   (summarise a server's CPU samples)",
            "       BenchMain watch [LONG-POLLS [STREAMS [CHANGES]]] [options]   (map-watch fan-out; watch --help)",
            "  --prime 30s               uncounted load once per server before anything is measured (JIT warm-up)",
            "  --warmup 5s               uncounted load before each measured window",
            "  --duration 20s            each measured window",
            "  --rounds 3                heartbeat rounds; each measures baseline and coordinator (order alternates)",
            "  --heartbeat-nodes 1000    nodes registered for the heartbeat benchmark",
            "  --connections N           keep-alive connections (= requests in flight) for heartbeats; default:",
            "                            one per node, as each node's agent keeps its own",
            "  --concurrency 1,64,256    mutation requests in flight, one coordinator per level",
            "  --mutation-snapshot-every N  --snapshot-every of the mutation coordinators (default: never)",
            "  --restart-nodes 100000    nodes in state for the restart benchmark",
            "  --restart-concurrency 256 registrations in flight while filling it",
            "  --snapshot-every 100      --snapshot-every of the periodic-snapshot restart variant",
            "  --client-threads 2        event loops of the load generator",
            "  --server-jvm-opts '...'   JVM options for every server child process (e.g. a JFR recording)",
            "  --server-cpus LIST        pin every server child to these CPUs with taskset, e.g. 0 (Linux)",
            "  --work-dir DIR            data dirs and server logs (default: a new directory under /tmp)",
            "  --keep                    keep the work dir afterwards",
            "  --report FILE             also write the Markdown report to FILE");

    public static BenchOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("missing benchmark name\n" + USAGE);
        }
        String command = args[0];
        if (!List.of("heartbeats", "mutations", "restart", "all", "replay", "heartbeat-handler").contains(command)) {
            throw new IllegalArgumentException("unknown benchmark '" + command + "'\n" + USAGE);
        }
        long primeMs = 30_000;
        long warmupMs = 5_000;
        long durationMs = 20_000;
        int rounds = 3;
        int heartbeatNodes = 1_000;
        int connections = 0; // one per heartbeat node unless set
        List<Integer> concurrency = List.of(1, 64, 256);
        long mutationSnapshotEvery = BenchContext.NO_AUTO_SNAPSHOT_ENTRIES;
        int restartNodes = 100_000;
        int restartConcurrency = 256;
        long snapshotEvery = 100;
        int clientThreads = 2;
        List<String> serverJvmOptions = List.of();
        String serverCpus = null;
        Path workDir = null;
        boolean keep = false;
        Path report = null;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (name) {
                case "--prime": primeMs = Durations.parseMillis(v); break;
                case "--warmup": warmupMs = Durations.parseMillis(v); break;
                case "--duration": durationMs = Durations.parseMillis(v); break;
                case "--rounds": rounds = positive(name, v); break;
                case "--heartbeat-nodes": heartbeatNodes = positive(name, v); break;
                case "--connections": connections = positive(name, v); break;
                case "--concurrency": concurrency = intList(name, v); break;
                case "--mutation-snapshot-every": mutationSnapshotEvery = positive(name, v); break;
                case "--restart-nodes": restartNodes = positive(name, v); break;
                case "--restart-concurrency": restartConcurrency = positive(name, v); break;
                case "--snapshot-every": snapshotEvery = positive(name, v); break;
                case "--client-threads": clientThreads = positive(name, v); break;
                case "--server-jvm-opts": serverJvmOptions = words(v); break;
                case "--server-cpus": serverCpus = v; break;
                case "--work-dir": workDir = Path.of(v).toAbsolutePath(); break;
                case "--report": report = Path.of(v).toAbsolutePath(); break;
                default: throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        if (connections == 0) {
            connections = heartbeatNodes;
        }
        if (durationMs <= 0) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        return new BenchOptions(command, primeMs, warmupMs, durationMs, rounds, heartbeatNodes, connections,
                concurrency, mutationSnapshotEvery, restartNodes, restartConcurrency, snapshotEvery, clientThreads,
                serverJvmOptions, serverCpus, workDir, keep, report, System.getProperty("java.class.path"));
    }

    private static int positive(String name, String v) {
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + v + "'");
    }

    private static List<Integer> intList(String name, String v) {
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            out.add(positive(name, part.trim()));
        }
        return List.copyOf(out);
    }

    private static List<String> words(String v) {
        return Arrays.stream(v.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
