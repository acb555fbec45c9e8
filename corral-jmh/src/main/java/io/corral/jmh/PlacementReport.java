package io.corral.jmh;

import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementResult;
import io.corral.server.policies.placement.ShardRef;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality figures for the operations {@link PlacementBenchmark} times, on the same cluster: loads over their
 * average, replicas moved against the least possible, leaders per node; plus single-shot wall and CPU times
 * (median of {@code runs}) as a cross-check of the JMH figures on a shared machine. Usage:
 * {@code java -cp ... io.corral.jmh.PlacementReport [epsilon] [runs]}.
 */
public final class PlacementReport {
    private PlacementReport() {
    }

    public static void main(String[] args) {
        double epsilon = args.length > 0 ? Double.parseDouble(args[0]) : 0.05;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        PlacementScenario scenario = PlacementScenario.goal(epsilon);
        System.out.printf("cluster: %d nodes, 10 zones, 333334 shards x 3 = 1000002 replicas, epsilon %s%n",
                scenario.nodes.size(), epsilon);
        PlacementResult base = timed("full placement", scenario.fresh(), runs);
        loads("full placement", base, scenario.nodes.size());
        leaders(base);

        String gone = scenario.nodes.get(17).id();
        int held = count(base.assignment(), gone);
        PlacementResult evacuated = timed("evacuate one node", scenario.evacuate(17, base.assignment()), runs);
        timed("evacuate one node, current as HashMap", scenario.evacuate(17, new HashMap<>(base.assignment())), runs);
        long fromOthers = evacuated.moves().stream().filter(m -> !gone.equals(m.from())).count();
        System.out.printf("evacuate: moved %d, replicas on %s %d (the minimum), moves not from it %d%n",
                evacuated.stats().moved(), gone, held, fromOthers);
        loads("after evacuate", evacuated, scenario.nodes.size() - 1);

        PlacementResult joined = timed("join one node", scenario.join(base.assignment()), runs);
        int onNew = count(joined.assignment(), "node-new");
        double share = 1_000_002.0 / (scenario.nodes.size() + 1);
        int lowerBound = (int) Math.floor((1 - epsilon) * share);
        int upperBound = (int) Math.ceil((1 + epsilon) * share);
        int forcedSheds = 0;
        for (Map.Entry<String, Integer> e : loadsById(base.assignment()).entrySet()) {
            forcedSheds += Math.max(0, e.getValue() - upperBound);
        }
        long notToNew = joined.moves().stream().filter(m -> !"node-new".equals(m.to())).count();
        System.out.printf("join: moved %d, new node holds %d (share %.1f, lower bound %d), forced sheds %d,"
                        + " minimum max(lower bound, sheds) = %d, moved/minimum = %.4f, moves not to the new node %d%n",
                joined.stats().moved(), onNew, share, lowerBound, forcedSheds, Math.max(lowerBound, forcedSheds),
                joined.stats().moved() / (double) Math.max(lowerBound, forcedSheds), notToNew);
        loads("after join", joined, scenario.nodes.size() + 1);
        PlacementResult again = HierarchicalPlacement.place(new PlacementInput(scenario.join(joined.assignment()).nodes(),
                scenario.resources, joined.assignment(), epsilon));
        System.out.printf("placing the join result again: moved %d%n", again.stats().moved());
        System.out.printf("join: moved / fair share of the new node (%.1f) = %.4f%n", share, joined.stats().moved() / share);

        // The same operations on the coordinator's path: image -> input -> placement -> deltas -> staged split.
        ImageScenario images = new ImageScenario(scenario);
        ImageScenario.Plan full = timedPlan("coordinator path: full placement", images::plan, images.empty, runs);
        System.out.printf("coordinator path: full placement placed %d, max/avg %.4f%n", full.result().stats().replicas(),
                full.result().stats().maxOverAvgLoad());
        ImageScenario.Plan fail = timedPlan("coordinator path: " + gone + " fails (compact maps kept)", images::plan,
                images.failed(17), runs);
        ImageScenario.Plan failCold = timedPlan("coordinator path: " + gone + " fails (compact maps built afresh)",
                images::planColdCache, images.failed(17), runs);
        timedWarmUp("coordinator path: warming the compact maps when leadership is gained (off the tick thread)",
                images.placed, runs);
        ImageScenario.Plan failWarmed = timedPlan("coordinator path: " + gone
                        + " fails on the first tick after start, cache warmed at leadership",
                images, images.failed(17), () -> ImageScenario.cacheOf(images.placed), runs);
        io.corral.server.domain.ClusterImage afterFailover = images.failedAfterFailover(17);
        ImageScenario.Plan failAfterFailover = timedPlan("coordinator path: " + gone
                        + " fails, after the leader failover changed the map (compact maps of the map before)",
                images, afterFailover, () -> ImageScenario.cacheOf(images.placed), runs);
        System.out.printf("coordinator path: after the failover: same deltas as without compact maps: %b, moved %d%n",
                failAfterFailover.deltas().equals(images.planUncached(afterFailover).deltas()),
                failAfterFailover.result().stats().moved());
        ImageScenario.Plan failUncached = timedPlan("coordinator path: " + gone + " fails (no compact maps)",
                images::planUncached, images.failed(17), runs);
        System.out.printf("coordinator path: node fails: same deltas with compact maps kept / built afresh / none: %b%n",
                fail.deltas().equals(failUncached.deltas()) && failCold.deltas().equals(failUncached.deltas())
                        && fail.result().equals(failUncached.result()));
        System.out.printf("coordinator path: node fails: same deltas and placement with the cache warmed at"
                        + " leadership as with none: %b%n",
                failWarmed.deltas().equals(failUncached.deltas()) && failWarmed.result().equals(failUncached.result()));
        int heldInImage = count(images.plan(images.placed).result().assignment(), gone);
        System.out.printf("coordinator path: node fails: moved %d, replicas on it %d (the minimum), deltas %d shards%n",
                fail.result().stats().moved(), heldInImage,
                fail.deltas().stream().mapToInt(d -> d.set().size()).sum());
        stages("coordinator path: node fails", images, images.failed(17), runs);
        ImageScenario.Plan join = timedPlan("coordinator path: one node joins (compact maps kept)", images::plan,
                images.joined(), runs);
        System.out.printf("coordinator path: node joins: moved %d, max/avg %.4f%n", join.result().stats().moved(),
                join.result().stats().maxOverAvgLoad());
    }

    private static void stages(String what, ImageScenario images, io.corral.server.domain.ClusterImage img, int runs) {
        long[][] t = new long[4][runs];
        for (int i = 0; i < runs; i++) {
            long[] s = images.stageNanos(img);
            for (int k = 0; k < 4; k++) {
                t[k][i] = s[k];
            }
        }
        for (long[] k : t) {
            java.util.Arrays.sort(k);
        }
        System.out.printf("%s, stages (median of %d, wall ms): input %.1f, place %.1f, deltas %.1f, staged split %.1f%n",
                what, runs, t[0][runs / 2] / 1e6, t[1][runs / 2] / 1e6, t[2][runs / 2] / 1e6, t[3][runs / 2] / 1e6);
    }

    /** Wall time of {@link io.corral.server.shardmap.AssignmentCache#warm} on an empty cache (median of {@code runs}). */
    private static void timedWarmUp(String what, io.corral.server.domain.ClusterImage img, int runs) {
        long[] wall = new long[runs];
        for (int i = 0; i < runs; i++) {
            long w0 = System.nanoTime();
            ImageScenario.cacheOf(img);
            wall[i] = System.nanoTime() - w0;
        }
        java.util.Arrays.sort(wall);
        System.out.printf("%s: median of %d single shots: wall %.1f ms%n", what, runs, wall[runs / 2] / 1e6);
    }

    /** As {@link #timedPlan}, each run with a cache from {@code cacheBefore}, built outside the clock. */
    private static ImageScenario.Plan timedPlan(String what, ImageScenario images,
                                                io.corral.server.domain.ClusterImage img,
                                                java.util.function.Supplier<io.corral.server.shardmap.AssignmentCache>
                                                        cacheBefore, int runs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        ImageScenario.Plan out = null;
        for (int i = 0; i < runs; i++) {
            io.corral.server.shardmap.AssignmentCache cache = cacheBefore.get();
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            out = images.plan(img, cache);
            wall[i] = System.nanoTime() - w0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        System.out.printf("%s: median of %d single shots: wall %.1f ms, thread CPU %.1f ms%n", what, runs,
                wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6);
        return out;
    }

    private static ImageScenario.Plan timedPlan(String what,
                                                java.util.function.Function<io.corral.server.domain.ClusterImage,
                                                        ImageScenario.Plan> plan,
                                                io.corral.server.domain.ClusterImage img, int runs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        ImageScenario.Plan out = null;
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            out = plan.apply(img);
            wall[i] = System.nanoTime() - w0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        System.out.printf("%s: median of %d single shots: wall %.1f ms, thread CPU %.1f ms%n", what, runs,
                wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6);
        return out;
    }

    private static PlacementResult timed(String what, PlacementInput input, int runs) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        PlacementResult result = null;
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            result = HierarchicalPlacement.place(input);
            wall[i] = System.nanoTime() - w0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
        }
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(cpu);
        System.out.printf("%s: median of %d single shots: wall %.1f ms, thread CPU %.1f ms (first runs include JIT)%n",
                what, runs, wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6);
        return result;
    }

    private static Map<String, Integer> loadsById(Map<ShardRef, List<String>> assignment) {
        Map<String, Integer> loads = new HashMap<>();
        assignment.values().forEach(l -> l.forEach(n -> loads.merge(n, 1, Integer::sum)));
        return loads;
    }

    private static int count(Map<ShardRef, List<String>> assignment, String node) {
        return loadsById(assignment).getOrDefault(node, 0);
    }

    private static void loads(String what, PlacementResult result, int nodes) {
        Map<String, Integer> loads = loadsById(result.assignment());
        int max = loads.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = loads.size() < nodes ? 0 : loads.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        double avg = result.stats().replicas() / (double) nodes;
        System.out.printf("%s: max/avg load %.4f (stats %.4f), min/avg %.4f, unplaced %d, warnings %s%n",
                what, max / avg, result.stats().maxOverAvgLoad(), min / avg, result.stats().unplaced(), result.warnings());
    }

    private static void leaders(PlacementResult result) {
        Map<String, Integer> leaders = new HashMap<>();
        result.assignment().values().forEach(l -> leaders.merge(l.get(0), 1, Integer::sum));
        int max = leaders.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = leaders.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        System.out.printf("leaders per node: min %d, max %d (average %.1f)%n", min, max, result.assignment().size() / 1000.0);
    }
}
