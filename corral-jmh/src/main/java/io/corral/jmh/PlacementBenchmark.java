package io.corral.jmh;

import io.corral.server.policies.placement.HierarchicalPlacement;
import io.corral.server.policies.placement.PlacementInput;
import io.corral.server.policies.placement.PlacementResult;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of {@link HierarchicalPlacement#place} on 1,000,002 replicas (333,334 shards x 3) over 1,000 nodes in 10 zones:
 * a full placement from nothing, the re-placement after one node is set to EVACUATE (from the previous
 * result as returned, and from a plain {@link HashMap} copy of it, as a controller that rebuilt the map would
 * pass it), and the re-placement after one node joins. {@link PlacementReport} prints the quality figures
 * (loads, moves) of the same operations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PlacementBenchmark {
    @Param({"0.05"})
    public double epsilon;

    private PlacementInput fresh;
    private PlacementInput evacuate;
    private PlacementInput evacuateFromHashMap;
    private PlacementInput join;

    @Setup(Level.Trial)
    public void setUp() {
        PlacementScenario scenario = PlacementScenario.goal(epsilon);
        fresh = scenario.fresh();
        PlacementResult base = HierarchicalPlacement.place(fresh);
        evacuate = scenario.evacuate(17, base.assignment());
        evacuateFromHashMap = scenario.evacuate(17, new HashMap<>(base.assignment()));
        join = scenario.join(base.assignment());
    }

    @Benchmark
    public PlacementResult fullPlacement() {
        return HierarchicalPlacement.place(fresh);
    }

    @Benchmark
    public PlacementResult evacuateOneNode() {
        return HierarchicalPlacement.place(evacuate);
    }

    @Benchmark
    public PlacementResult evacuateOneNodeFromHashMap() {
        return HierarchicalPlacement.place(evacuateFromHashMap);
    }

    @Benchmark
    public PlacementResult joinOneNode() {
        return HierarchicalPlacement.place(join);
    }
}
