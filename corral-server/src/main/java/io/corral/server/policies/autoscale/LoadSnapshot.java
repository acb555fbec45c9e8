package io.corral.server.policies.autoscale;

import java.util.Map;
import java.util.TreeMap;

/**
 * The load signal autoscale decides on: the value of one heartbeat metric per node, taken from each
 * node's latest heartbeat at one moment. A node that did not report the metric is absent. Immutable.
 *
 * @param metric   the metric these values are of, e.g. {@code keys}
 * @param byNodeId finite values by node id
 */
public record LoadSnapshot(String metric, Map<String, Double> byNodeId) {
    public LoadSnapshot {
        TreeMap<String, Double> copy = new TreeMap<>();
        byNodeId.forEach((id, v) -> {
            if (id != null && v != null && Double.isFinite(v)) {
                copy.put(id, v);
            }
        });
        byNodeId = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** A snapshot in which no node reported anything. */
    public static LoadSnapshot empty(String metric) {
        return new LoadSnapshot(metric, Map.of());
    }

    /** The value a node reported, or null. */
    public Double valueOf(String nodeId) {
        return byNodeId.get(nodeId);
    }
}
