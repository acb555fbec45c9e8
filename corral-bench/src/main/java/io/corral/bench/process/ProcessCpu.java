package io.corral.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat} on Linux. Used to
 * report CPU microseconds per request for the server and for the load generator, a figure much less
 * sensitive to other load on a shared machine than throughput. Returns -1 where /proc is missing.
 */
public final class ProcessCpu {
    /** Linux reports these fields in clock ticks of 1/100 s on every common configuration. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessCpu() {
    }

    public static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utimeTicks = Long.parseLong(f[11]);
            long stimeTicks = Long.parseLong(f[12]);
            return (utimeTicks + stimeTicks) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static long selfCpuNanos() {
        return cpuNanos(ProcessHandle.current().pid());
    }
}
