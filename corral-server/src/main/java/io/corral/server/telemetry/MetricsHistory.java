package io.corral.server.telemetry;

import io.corral.server.soft.NodeSlots;
import java.util.Set;

/**
 * Soft state of the leader: the metric history of every node that has reported metrics. Memory is
 * bounded per node ({@link #BYTES_PER_NODE}, whatever the number of samples) and the set of nodes is
 * bounded by the membership: a removed node's slot, history included, is dropped ({@link #forget},
 * {@link #retainOnly}). A node's history lives in its {@link HistorySlot}, which may be shared with the
 * node's other soft state (its last beat, its token memo). Never written to the log; a new leader starts
 * empty. Safe for concurrent use.
 */
public final class MetricsHistory {
    /** Heap one node's history takes at most (see {@link NodeHistory#BYTES}). */
    public static final long BYTES_PER_NODE = NodeHistory.BYTES;
    /** What the map adds per node besides its history: the entry, the slot and its share of the table (id strings not counted). */
    static final long MAP_ENTRY_BYTES = 160;

    private final NodeSlots<? extends HistorySlot> slots;

    /** A history with slots of its own. */
    public MetricsHistory() {
        this(new NodeSlots<>(HistorySlot::new));
    }

    /** A history kept in the slots of {@code slots}, shared with the nodes' other soft state. */
    public MetricsHistory(NodeSlots<? extends HistorySlot> slots) {
        this.slots = slots;
    }

    /** Records a sample of {@code nodeId} taken at {@code atMs}; a sample with no known metric changes nothing. */
    public void record(String nodeId, long atMs, HostSample sample) {
        boolean any = false;
        for (double v : sample.series()) {
            any |= !Double.isNaN(v);
        }
        if (any) {
            slots.getOrMake(nodeId).history.record(atMs, sample.series());
        }
    }

    /** The series of {@code metric} of {@code nodeId} over {@code period} ending at {@code nowMs}; empty if none. */
    public MetricSeries query(String nodeId, Period period, SeriesMetric metric, long nowMs) {
        HistorySlot slot = slots.get(nodeId);
        if (slot == null) {
            return new MetricSeries(java.util.List.of(), Double.NaN, Double.NaN,
                    NodeHistory.TIERS[period.tier()].bucketMs());
        }
        return slot.history.query(period, metric, nowMs);
    }

    /** Drops the node's slot: its history and whatever else of its soft state shares the slot. */
    public void forget(String nodeId) {
        slots.remove(nodeId);
    }

    /** Drops the slot of every node not in {@code nodeIds}. */
    public void retainOnly(Set<String> nodeIds) {
        slots.retainOnly(nodeIds);
    }

    /** Nodes with a history (that have reported a known metric). */
    public int size() {
        int[] n = {0};
        slots.forEach(s -> n[0] += s.history.hasSamples() ? 1 : 0);
        return n[0];
    }

    /** An upper bound of the heap the history takes now. */
    public long approximateBytes() {
        return size() * (BYTES_PER_NODE + MAP_ENTRY_BYTES);
    }
}
