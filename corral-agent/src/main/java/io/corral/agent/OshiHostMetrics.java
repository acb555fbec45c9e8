package io.corral.agent;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OperatingSystem;

/**
 * Real host metrics from OSHI: CPU use over the time since the previous sample, load averages, memory,
 * the disk holding {@code diskPath}, network throughput over all interfaces since the previous sample,
 * established TCP connections and uptime. The first sample has no CPU or network rates (nothing to
 * compare with yet). Not thread-safe: sample from one thread.
 */
public final class OshiHostMetrics implements HostMetrics {
    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final List<NetworkIF> interfaces;
    private final Path diskPath;
    private long[] previousTicks;
    private long previousBytesIn = -1;
    private long previousBytesOut = -1;
    private long previousNanos;

    public OshiHostMetrics(Path diskPath) {
        SystemInfo si = new SystemInfo();
        this.cpu = si.getHardware().getProcessor();
        this.memory = si.getHardware().getMemory();
        this.os = si.getOperatingSystem();
        this.interfaces = si.getHardware().getNetworkIFs();
        this.diskPath = diskPath;
        this.previousTicks = cpu.getSystemCpuLoadTicks();
        this.previousNanos = System.nanoTime();
    }

    @Override
    public Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        long now = System.nanoTime();
        double seconds = (now - previousNanos) / 1e9;
        m.put("cpu_percent", round(100.0 * cpu.getSystemCpuLoadBetweenTicks(previousTicks)));
        previousTicks = cpu.getSystemCpuLoadTicks();
        m.put("cpu_cores", cpu.getLogicalProcessorCount());
        double[] load = cpu.getSystemLoadAverage(3);
        putIfKnown(m, "load_1m", load[0]);
        putIfKnown(m, "load_5m", load[1]);
        putIfKnown(m, "load_15m", load[2]);
        long total = memory.getTotal();
        m.put("memory_total_bytes", total);
        m.put("memory_used_bytes", total - memory.getAvailable());
        try {
            FileStore store = Files.getFileStore(diskPath);
            m.put("disk_total_bytes", store.getTotalSpace());
            m.put("disk_used_bytes", store.getTotalSpace() - store.getUnallocatedSpace());
        } catch (IOException e) {
            // the data directory's file system cannot be read: leave disk out
        }
        long in = 0;
        long out = 0;
        for (NetworkIF nif : interfaces) {
            nif.updateAttributes();
            in += nif.getBytesRecv();
            out += nif.getBytesSent();
        }
        if (previousBytesIn >= 0 && seconds > 0) {
            m.put("network_in_bytes_per_second", round(Math.max(0, in - previousBytesIn) / seconds));
            m.put("network_out_bytes_per_second", round(Math.max(0, out - previousBytesOut) / seconds));
        }
        previousBytesIn = in;
        previousBytesOut = out;
        previousNanos = now;
        InternetProtocolStats ip = os.getInternetProtocolStats();
        m.put("connections", ip.getTCPv4Stats().getConnectionsEstablished()
                + ip.getTCPv6Stats().getConnectionsEstablished());
        m.put("uptime_seconds", os.getSystemUptime());
        return m;
    }

    private static void putIfKnown(Map<String, Object> m, String key, double v) {
        if (v >= 0) {
            m.put(key, round(v));
        }
    }

    private static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
