package io.corral.bench.load;

import java.util.Map;

/**
 * The outcome of one measured load window: per kind of request the successes, errors and latencies,
 * and the window's length. Only requests that completed inside the window are counted.
 *
 * @param aborted whether a count-bounded run was stopped before its workload was exhausted
 */
public record LoadResult(long windowNanos, int inFlight, Map<String, KindStats> byKind, KindStats total,
                         boolean aborted) {

    /** Successful requests per second over the window. */
    public double successesPerSecond() {
        return total.successes() / (windowNanos / 1e9);
    }

    /** Successful requests of one kind per second over the window (0 for an unknown kind). */
    public double successesPerSecond(String kind) {
        KindStats s = byKind.get(kind);
        return s == null ? 0 : s.successes() / (windowNanos / 1e9);
    }

    public double windowSeconds() {
        return windowNanos / 1e9;
    }
}
