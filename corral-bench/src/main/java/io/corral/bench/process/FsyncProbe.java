package io.corral.bench.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The floor under any durable write on this disk: appends {@code appends} records of
 * {@link #RECORD_BYTES} bytes to a file, forcing each to the device before the next, as a log that
 * acknowledges only flushed entries must. Its latency bounds what one client in flight can see.
 */
public final class FsyncProbe {
    public static final int RECORD_BYTES = 512;

    /** Latencies of the forced appends. */
    public record Result(int appends, double p50Ms, double p99Ms, double appendsPerSecond) {
    }

    private FsyncProbe() {
    }

    public static Result run(Path dir, int appends) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
        Histogram micros = new Histogram(TimeUnit.SECONDS.toMicros(10), 3);
        ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);
        long started = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < appends; i++) {
                long t = System.nanoTime();
                record.clear();
                record.putInt(0, i);
                ch.write(record);
                ch.force(false);
                micros.recordValue(Math.max(1, (System.nanoTime() - t) / 1_000));
            }
        } finally {
            Files.deleteIfExists(file);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(appends, micros.getValueAtPercentile(50) / 1e3, micros.getValueAtPercentile(99) / 1e3,
                appends / seconds);
    }
}
