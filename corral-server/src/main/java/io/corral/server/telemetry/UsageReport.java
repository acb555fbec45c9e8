package io.corral.server.telemetry;

import io.corral.server.domain.Node;
import io.corral.server.health.HeartbeatTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Seed 002's workspace usage: capacity and use summed over the nodes that reported them, and each
 * node's percentages. Totals count only what nodes reported ({@code cpu_cores}, memory and disk
 * bytes); a node that never reported contributes to {@code totalNodes} only.
 */
public record UsageReport(int totalNodes, int runningNodes, double totalCpuCores, double usedCpuCores,
                          double totalMemoryBytes, double usedMemoryBytes, double totalDiskBytes, double usedDiskBytes,
                          List<NodeUsage> byNode) {

    /** One node's latest percentages (NaN when not reported). */
    public record NodeUsage(Node node, long lastHeartbeatMs, double cpuPercent, double memoryPercent,
                            double diskPercent, double networkInBytesPerSecond, double networkOutBytesPerSecond) {
    }

    public static UsageReport of(List<Node> nodes, Function<String, HeartbeatTracker.Beat> beats) {
        int running = 0;
        double cores = 0;
        double usedCores = 0;
        double mem = 0;
        double usedMem = 0;
        double disk = 0;
        double usedDisk = 0;
        List<NodeUsage> byNode = new ArrayList<>();
        for (Node n : nodes) {
            if (n.status().serving()) {
                running++;
            }
            HeartbeatTracker.Beat beat = beats.apply(n.id());
            HostSample s = HostSample.from(beat == null ? null : beat.metrics());
            double cpu = s.get(SeriesMetric.CPU_PERCENT);
            if (!Double.isNaN(s.cpuCores())) {
                cores += s.cpuCores();
                usedCores += Double.isNaN(cpu) ? 0 : s.cpuCores() * cpu / 100.0;
            }
            if (!Double.isNaN(s.memoryTotalBytes()) && !Double.isNaN(s.memoryUsedBytes())) {
                mem += s.memoryTotalBytes();
                usedMem += s.memoryUsedBytes();
            }
            if (!Double.isNaN(s.diskTotalBytes()) && !Double.isNaN(s.diskUsedBytes())) {
                disk += s.diskTotalBytes();
                usedDisk += s.diskUsedBytes();
            }
            byNode.add(new NodeUsage(n, beat == null ? 0 : beat.atMs(), cpu, s.get(SeriesMetric.MEMORY_PERCENT),
                    s.get(SeriesMetric.DISK_PERCENT), s.get(SeriesMetric.NETWORK_IN_BYTES_PER_SECOND),
                    s.get(SeriesMetric.NETWORK_OUT_BYTES_PER_SECOND)));
        }
        return new UsageReport(nodes.size(), running, cores, usedCores, mem, usedMem, disk, usedDisk, byNode);
    }

    /** {@code part / whole} in percent, NaN when there is no whole. */
    public static double percent(double part, double whole) {
        return whole > 0 ? 100.0 * part / whole : Double.NaN;
    }
}
