package io.corral.bench.suites;

import io.corral.bench.load.KindStats;
import io.corral.bench.load.LoadResult;
import io.corral.bench.process.CpuMeter;
import io.corral.bench.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One measured window against one server: the load result and the CPU both sides used. */
record Measurement(String server, LoadResult result, CpuMeter cpu) {

    double perSecond() {
        return result.successesPerSecond();
    }

    long successes() {
        return result.total().successes();
    }

    /** The cells under {@link #HEADERS}. */
    List<Object> cells() {
        KindStats t = result.total();
        return List.of(Table.rate(perSecond()), Table.ms(t.latencyMs(50)), Table.ms(t.latencyMs(99)),
                Table.ms(t.maxLatencyMs()), errors(t), micros(cpu.serverMicrosPer(successes())),
                Table.fixed(cpu.serverCores(result.windowSeconds()), 2), micros(cpu.clientMicrosPer(successes())));
    }

    /** Rate, latencies, errors, and the CPU both processes used per successful request. */
    static final List<String> HEADERS = List.of("per s", "p50 ms", "p99 ms", "max ms", "errors",
            "server CPU µs/req", "server CPU cores", "load-gen CPU µs/req");

    /** The concatenation of some lists, e.g. leading cells and {@link #cells()}. */
    @SafeVarargs
    static <T> List<T> join(List<? extends T>... parts) {
        List<T> out = new ArrayList<>();
        for (List<? extends T> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    static String errors(KindStats s) {
        if (s.errors() == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder().append(s.errors()).append(' ');
        for (Map.Entry<String, Long> e : s.errorsByCause().entrySet()) {
            sb.append('[').append(e.getKey()).append(": ").append(e.getValue()).append(']');
        }
        return sb.toString();
    }

    static String micros(double v) {
        return v < 0 ? "n/a" : Table.fixed(v, 1);
    }
}
