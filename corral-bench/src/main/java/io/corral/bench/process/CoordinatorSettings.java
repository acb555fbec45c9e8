package io.corral.bench.process;

import java.nio.file.Path;
import java.util.List;

/**
 * How a benchmark starts a coordinator ({@code corral serve}) in a child JVM.
 *
 * @param dataDir              the coordinator's data directory; reused across restarts
 * @param snapshotEveryEntries {@code --snapshot-every}: log entries (batches) between automatic snapshots
 * @param nodeTimeoutMs        {@code --node-timeout}; benchmarks set it long so the failure detector
 *                             adds no writes of its own while nodes are idle
 * @param jvmOptions           options for the child JVM, e.g. a JFR recording
 * @param cpus                 CPUs to pin the process to ({@code taskset -c}), or null
 */
public record CoordinatorSettings(Path dataDir, long snapshotEveryEntries, long nodeTimeoutMs,
                                  List<String> jvmOptions, String cpus) {

    /** A heartbeat interval comfortably below any node timeout used here. */
    public static final long HEARTBEAT_INTERVAL_MS = 5_000;
}
