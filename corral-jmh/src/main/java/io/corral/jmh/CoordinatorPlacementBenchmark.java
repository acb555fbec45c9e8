package io.corral.jmh;

import io.corral.server.domain.ClusterImage;
import io.corral.server.shardmap.AssignmentCache;
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
 * The placement goals on the code path the coordinator runs ({@link ImageScenario#plan}: image to input,
 * placement, result to map deltas, staged split), on the cluster of {@link PlacementBenchmark} (1,000 nodes in
 * 10 zones, 333,334 shards x 3 = 1,000,002 replicas, held in a {@link ClusterImage}): a full placement of a
 * resource with no shards yet, the re-placement after one node fails, and after one node joins. {@code nodeFails}
 * and {@code nodeJoins} keep the compact maps between steps as the rebalancer does; the failure is also measured
 * with them built afresh ({@code nodeFailsColdCache}) and without them ({@code nodeFailsUncached}). Excluded: the
 * submission of the changes to the log and their replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class CoordinatorPlacementBenchmark {
    @Param({"0.05"})
    public double epsilon;

    private ImageScenario images;
    private ClusterImage failed;
    private ClusterImage joined;
    private ClusterImage failedAfterFailover;
    private AssignmentCache cacheOfPlaced;

    @Setup(Level.Trial)
    public void setUp() {
        images = new ImageScenario(PlacementScenario.goal(epsilon));
        failed = images.failed(17);
        joined = images.joined();
        failedAfterFailover = images.failedAfterFailover(17);
    }

    /** Each call of {@link #nodeFailsAfterFailover} starts from the compact maps of the tick before the failure. */
    @Setup(Level.Invocation)
    public void primeCache() {
        cacheOfPlaced = ImageScenario.cacheOf(images.placed);
    }

    @Benchmark
    public ImageScenario.Plan fullPlacement() {
        return images.plan(images.empty);
    }

    @Benchmark
    public ImageScenario.Plan nodeFails() {
        return images.plan(failed);
    }

    /**
     * As {@link #nodeFails}, after the leader failover changed the map: the compact maps were built over the map
     * before the failure, so the changed map is read again, copying unchanged shards.
     */
    @Benchmark
    public ImageScenario.Plan nodeFailsAfterFailover() {
        return images.plan(failedAfterFailover, cacheOfPlaced);
    }

    /** As {@link #nodeFails}, on the first step after the maps changed (compact maps built from the image). */
    @Benchmark
    public ImageScenario.Plan nodeFailsColdCache() {
        return images.planColdCache(failed);
    }

    /** As {@link #nodeFails}, reading the maps through a view as before the compact maps existed. */
    @Benchmark
    public ImageScenario.Plan nodeFailsUncached() {
        return images.planUncached(failed);
    }

    @Benchmark
    public ImageScenario.Plan nodeJoins() {
        return images.plan(joined);
    }
}
