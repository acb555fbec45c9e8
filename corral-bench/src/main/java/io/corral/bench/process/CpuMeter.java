package io.corral.bench.process;

import io.corral.bench.load.WindowListener;

/**
 * CPU time used during a measured window by a server process and by the load generator (this JVM).
 * Values are -1 where {@code /proc} is unavailable; resolution is one clock tick (10 ms).
 */
public final class CpuMeter implements WindowListener {
    private final long serverPid;
    private long serverStart;
    private long selfStart;
    private long serverNanos = -1;
    private long selfNanos = -1;

    public CpuMeter(long serverPid) {
        this.serverPid = serverPid;
    }

    @Override
    public void windowOpened() {
        serverStart = ProcessCpu.cpuNanos(serverPid);
        selfStart = ProcessCpu.selfCpuNanos();
    }

    @Override
    public void windowClosed() {
        long server = ProcessCpu.cpuNanos(serverPid);
        long self = ProcessCpu.selfCpuNanos();
        serverNanos = server < 0 || serverStart < 0 ? -1 : server - serverStart;
        selfNanos = self < 0 || selfStart < 0 ? -1 : self - selfStart;
    }

    /** Server CPU microseconds per request, or -1. */
    public double serverMicrosPer(long requests) {
        return serverNanos < 0 || requests == 0 ? -1 : serverNanos / 1e3 / requests;
    }

    /** Load-generator CPU microseconds per request, or -1. */
    public double clientMicrosPer(long requests) {
        return selfNanos < 0 || requests == 0 ? -1 : selfNanos / 1e3 / requests;
    }

    /** Server CPU use in cores (CPU seconds per second of window), or -1. */
    public double serverCores(double windowSeconds) {
        return serverNanos < 0 ? -1 : serverNanos / 1e9 / windowSeconds;
    }
}
