package io.corral.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies of one kind of request on one thread. Latencies are recorded in microseconds
 * up to one minute with three significant digits. Not thread-safe: each driver owns its own and they
 * are {@link #add added} together after the run.
 */
public final class KindStats {
    private static final long HIGHEST_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Histogram latencyMicros = new Histogram(HIGHEST_LATENCY_MICROS, 3);
    private long successes;
    private final Map<String, Long> errorsByCause = new TreeMap<>();
    private String firstErrorDetail;

    void success(long latencyNanos) {
        successes++;
        latencyMicros.recordValue(Math.min(HIGHEST_LATENCY_MICROS, Math.max(1, latencyNanos / 1_000)));
    }

    void error(String cause, String detail) {
        errorsByCause.merge(cause, 1L, Long::sum);
        if (firstErrorDetail == null) {
            firstErrorDetail = detail;
        }
    }

    void add(KindStats other) {
        successes += other.successes;
        latencyMicros.add(other.latencyMicros);
        other.errorsByCause.forEach((k, v) -> errorsByCause.merge(k, v, Long::sum));
        if (firstErrorDetail == null) {
            firstErrorDetail = other.firstErrorDetail;
        }
    }

    /** What the first error said (a response body or exception message, shortened), or null. */
    public String firstErrorDetail() {
        return firstErrorDetail;
    }

    public long successes() {
        return successes;
    }

    public long errors() {
        return errorsByCause.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Error counts by cause, e.g. {@code "HTTP 503"} or an exception class name. */
    public Map<String, Long> errorsByCause() {
        return Map.copyOf(errorsByCause);
    }

    /** The latency at {@code percentile} (0-100) of successful requests, in milliseconds. */
    public double latencyMs(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double maxLatencyMs() {
        return latencyMicros.getMaxValue() / 1_000.0;
    }
}
