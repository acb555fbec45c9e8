package io.corral.server.telemetry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Soft state of the leader: the metric history of every node that has reported metrics. Memory is
 * bounded per node ({@link #BYTES_PER_NODE}, whatever the number of samples) and the set of nodes is
 * bounded by the membership: a removed node's history is dropped ({@link #forget},
 * {@link #retainOnly}). Never written to the log; a new leader starts empty. Safe for concurrent use.
 */
public final class MetricsHistory {
    /** Heap one node's history takes at most (see {@link NodeHistory#BYTES}). */
    public static final long BYTES_PER_NODE = NodeHistory.BYTES;
    /** What the map adds per node besides its history: the entry and its share of the table (id strings not counted). */
    static final long MAP_ENTRY_BYTES = 128;

    private final ConcurrentHashMap<String, NodeHistory> nodes = new ConcurrentHashMap<>();

    /** Records a sample of {@code nodeId} taken at {@code atMs}; a sample with no known metric changes nothing. */
    public void record(String nodeId, long atMs, HostSample sample) {
        boolean any = false;
        for (double v : sample.series()) {
            any |= !Double.isNaN(v);
        }
        if (any) {
            NodeHistory h = nodes.get(nodeId); // a read without locking: the node almost always has a history
            if (h == null) {
                h = nodes.computeIfAbsent(nodeId, id -> new NodeHistory());
            }
            h.record(atMs, sample.series());
        }
    }

    /** The series of {@code metric} of {@code nodeId} over {@code period} ending at {@code nowMs}; empty if none. */
    public MetricSeries query(String nodeId, Period period, SeriesMetric metric, long nowMs) {
        NodeHistory h = nodes.get(nodeId);
        if (h == null) {
            return new MetricSeries(java.util.List.of(), Double.NaN, Double.NaN,
                    NodeHistory.TIERS[period.tier()].bucketMs());
        }
        return h.query(period, metric, nowMs);
    }

    public void forget(String nodeId) {
        nodes.remove(nodeId);
    }

    /** Drops the history of every node not in {@code nodeIds}. */
    public void retainOnly(Set<String> nodeIds) {
        nodes.keySet().retainAll(nodeIds);
    }

    /** Nodes with a history. */
    public int size() {
        return nodes.size();
    }

    /** An upper bound of the heap the history takes now. */
    public long approximateBytes() {
        return nodes.size() * (BYTES_PER_NODE + MAP_ENTRY_BYTES);
    }
}
