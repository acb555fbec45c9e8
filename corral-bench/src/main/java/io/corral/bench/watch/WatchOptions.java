package io.corral.bench.watch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the watch fan-out benchmark: {@code watch [LONG-POLLS [STREAMS [CHANGES]]] [options]}
 * (see {@link #USAGE}). Every run is bounded: each change must reach every watcher within
 * {@link #DELIVERY_TIMEOUT_SECONDS} seconds or the run fails.
 */
public record WatchOptions(int longPolls, int streams, int changes, int warmupChanges, long pauseMs,
                           int clientThreads, List<String> serverJvmOptions, String serverCpus) {

    public static final int DELIVERY_TIMEOUT_SECONDS = 30;

    public static final String USAGE = String.join("\n",
            "usage: BenchMain watch [LONG-POLLS [STREAMS [CHANGES]]] [options]   (defaults 1000 1000 20)",
            "  Starts a coordinator in a child JVM, opens LONG-POLLS blocking queries (?index=&wait=5m) and",
            "  STREAMS Server-Sent Event streams on one workspace map, then makes CHANGES map changes one at a",
            "  time and reports, per watcher kind, the delivery latency until the watcher has the whole new",
            "  version: from the change's timestamp (set by the coordinator before the Raft commit and fsync),",
            "  from just before the writer sends the change, and from the writer's acknowledgement.",
            "  --warmup-changes 40       uncounted changes first (JIT warm-up of server and client: with 10 the",
            "                            server still compiled hot code during the measured changes)",
            "  --pause 200ms             pause between changes",
            "  --client-threads 2        event loops of the load generator; watchers of both kinds are spread",
            "                            evenly over them",
            "  --server-jvm-opts '...'   JVM options of the server child process (e.g. a JFR recording)",
            "  --server-cpus LIST        pin the server child to these CPUs with taskset, e.g. 0 (Linux)");

    /** Parses the arguments after {@code watch}; throws IllegalArgumentException with the usage. */
    public static WatchOptions parse(String[] args) {
        int[] counts = {1000, 1000, 20};
        int positional = 0;
        int warmup = 40;
        long pauseMs = 200;
        int clientThreads = 2;
        List<String> jvm = List.of();
        String cpus = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (!a.startsWith("--")) {
                if (positional >= counts.length) {
                    throw new IllegalArgumentException("too many counts\n" + USAGE);
                }
                counts[positional++] = nonNegative(a, a);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--warmup-changes": warmup = nonNegative(a, v); break;
                case "--pause": pauseMs = io.corral.server.config.Durations.parseMillis(v); break;
                case "--client-threads": clientThreads = Math.max(1, nonNegative(a, v)); break;
                case "--server-jvm-opts": jvm = words(v); break;
                case "--server-cpus": cpus = v; break;
                default: throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (counts[0] + counts[1] == 0 || counts[2] == 0) {
            throw new IllegalArgumentException("need at least one watcher and one change\n" + USAGE);
        }
        return new WatchOptions(counts[0], counts[1], counts[2], warmup, pauseMs, clientThreads, jvm, cpus);
    }

    public int watchers() {
        return longPolls + streams;
    }

    private static int nonNegative(String name, String v) {
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a non-negative integer, got '" + v + "'\n" + USAGE);
    }

    private static List<String> words(String v) {
        return new ArrayList<>(Arrays.stream(v.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList());
    }
}
