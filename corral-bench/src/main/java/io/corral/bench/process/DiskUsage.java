package io.corral.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Bytes of regular files under a coordinator's data directory, split into Ratis snapshots (files under
 * an {@code sm} directory), Ratis log segments (files named {@code log_*}) and everything else.
 */
public record DiskUsage(long totalBytes, long snapshotBytes, long logBytes) {

    public static DiskUsage of(Path dataDir) {
        long[] sums = new long[3];
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                long size = size(f);
                sums[0] += size;
                if (f.getParent() != null && f.getParent().getFileName().toString().equals("sm")) {
                    sums[1] += size;
                } else if (f.getFileName().toString().startsWith("log_")) {
                    sums[2] += size;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiskUsage(sums[0], sums[1], sums[2]);
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** e.g. {@code 41.2 MB (snapshots 30.1 MB, log 11.0 MB)}. */
    public String describe() {
        return mb(totalBytes) + " (snapshots " + mb(snapshotBytes) + ", log " + mb(logBytes) + ")";
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
