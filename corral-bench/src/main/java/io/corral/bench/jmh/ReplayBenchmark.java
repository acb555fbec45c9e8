package io.corral.bench.jmh;

import io.corral.server.domain.ClusterImage;
import io.corral.server.records.Record;
import io.corral.server.records.RecordCodec;
import io.corral.server.records.Replayer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure replay path ({@link Replayer#apply}) on an image that already holds many nodes: what the
 * single writer pays per command on top of validation, and what a follower or a restart without a
 * snapshot pays per log entry. Decoding a batch from its log bytes is measured separately.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplayBenchmark {
    /** Records per log entry, about what 256 clients in flight produce. */
    static final int BATCH_RECORDS = 256;

    @Param({"100000"})
    public int nodes;

    private ClusterImage image;
    private Record newNode;
    private Record statusChange;
    private List<Record> batch;
    private byte[] encodedBatch;

    @Setup(Level.Trial)
    public void setUp() {
        image = ReplayFixtures.imageWith(nodes, BATCH_RECORDS);
        newNode = ReplayFixtures.registration(nodes + 1L);
        statusChange = ReplayFixtures.maintenanceOn(nodes / 2);
        batch = ReplayFixtures.registrations(nodes + 1L, nodes + 1L + BATCH_RECORDS);
        encodedBatch = RecordCodec.encodeBatch(batch);
    }

    /** One registration applied to the large image. */
    @Benchmark
    public ClusterImage applyRegistration() {
        return Replayer.apply(image, newNode);
    }

    /** One status change (maintenance on) of an existing node in the large image. */
    @Benchmark
    public ClusterImage applyStatusChange() {
        return Replayer.apply(image, statusChange);
    }

    /** A whole log entry of {@value #BATCH_RECORDS} registrations applied to the large image. */
    @Benchmark
    public ClusterImage applyBatch() {
        return Replayer.apply(image, batch, image.appliedIndex() + 1);
    }

    /** Decoding that log entry from its bytes (JSON), as the state machine does before applying it. */
    @Benchmark
    public List<Record> decodeBatch() {
        return RecordCodec.decodeBatch(encodedBatch);
    }
}
