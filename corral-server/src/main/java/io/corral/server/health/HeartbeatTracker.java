package io.corral.server.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soft state of the leader: when each node was last heard from and the metrics it reported then.
 * Never written to the log; a new leader starts empty and gives every node a full timeout (see
 * {@link FailureDetector}). Safe for concurrent use from any thread.
 */
public final class HeartbeatTracker {

    /** The latest heartbeat of a node: when it arrived (epoch ms) and the metrics it carried. */
    public record Beat(long atMs, Map<String, Object> metrics) {
    }

    private final ConcurrentHashMap<String, Beat> beats = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();

    public void record(String nodeId, long atMs, Map<String, Object> metrics) {
        beats.put(nodeId, new Beat(atMs, metrics == null ? Map.of() : metrics));
        received.increment();
    }

    public Beat last(String nodeId) {
        return beats.get(nodeId);
    }

    public void forget(String nodeId) {
        beats.remove(nodeId);
    }

    /** Heartbeats received since start. */
    public long receivedTotal() {
        return received.sum();
    }
}
