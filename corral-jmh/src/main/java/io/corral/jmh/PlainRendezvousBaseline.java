package io.corral.jmh;

import io.corral.client.routing.Fnv1a64;
import io.corral.client.routing.SplitMix64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Baseline for {@link PlacementBenchmark#fullPlacement}, measured in the same run: plain rendezvous hashing
 * that scores every one of the 1,000 nodes for each of the 333,334 shards and keeps the best three in
 * distinct zones, with no load bound, no constraints and no result objects. This is the per-shard O(N) cost
 * the hierarchical placement avoids.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class PlainRendezvousBaseline {
    private static final int NODES = 1000;
    private static final int ZONES = 10;
    private static final int SHARDS = 333_334;

    private long[] nodeSeeds;
    private int[] nodeZones;
    private int[] assignment;

    @Setup(Level.Trial)
    public void setUp() {
        nodeSeeds = new long[NODES];
        nodeZones = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            nodeSeeds[i] = Fnv1a64.hash(String.format("node-%04d", i));
            nodeZones[i] = i % ZONES;
        }
        assignment = new int[SHARDS * 3];
    }

    @Benchmark
    public int[] topThreeOfAllNodes() {
        long tableSeed = Fnv1a64.hash("table");
        long[] best = new long[ZONES];
        int[] bestNode = new int[ZONES];
        for (int p = 0; p < SHARDS; p++) {
            long shard = SplitMix64.mix(tableSeed + p * SplitMix64.GOLDEN_GAMMA);
            java.util.Arrays.fill(bestNode, -1);
            for (int n = 0; n < NODES; n++) {
                long h = SplitMix64.mix(shard ^ nodeSeeds[n]);
                int z = nodeZones[n];
                if (bestNode[z] < 0 || Long.compareUnsigned(h, best[z]) > 0) {
                    best[z] = h;
                    bestNode[z] = n;
                }
            }
            for (int k = 0; k < 3; k++) {
                int top = -1;
                for (int z = 0; z < ZONES; z++) {
                    if (bestNode[z] >= 0 && (top < 0 || Long.compareUnsigned(best[z], best[top]) > 0)) {
                        top = z;
                    }
                }
                assignment[p * 3 + k] = bestNode[top];
                bestNode[top] = -1;
            }
        }
        return assignment;
    }
}
