package io.corral.server.telemetry;

import java.util.List;

/**
 * One metric of one node over a period: a point per history bucket that had samples (oldest first),
 * the time-weighted average of those buckets and the highest sample seen. Average and peak are NaN
 * when the period has no sample.
 */
public record MetricSeries(List<Point> points, double average, double peak, long bucketMs) {

    /** A bucket: its start, the mean of its samples, the highest sample. */
    public record Point(long atMs, double mean, double peak) {
    }
}
