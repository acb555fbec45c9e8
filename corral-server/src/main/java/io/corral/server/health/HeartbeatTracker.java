package io.corral.server.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soft state of the leader: when each node was last heard from and the metrics it reported then.
 * Never written to the log; a new leader starts empty and gives every node a full timeout (see
 * {@link FailureDetector}). Safe for concurrent use from any thread: {@link #last} sees a beat as soon
 * as {@link #record} has returned. Each node has one slot, made by its first beat and replaced in place
 * by the next ones, so a heartbeat only reads the map; a beat recorded while {@link #forget} of the same
 * node runs may be dropped along with the slot.
 */
public final class HeartbeatTracker {

    /** The latest heartbeat of a node: when it arrived (epoch ms) and the metrics it carried. */
    public record Beat(long atMs, Map<String, Object> metrics) {
    }

    /** A node's latest beat, replaced whole (never a mix of two beats). */
    private static final class Slot {
        volatile Beat beat;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();

    public void record(String nodeId, long atMs, Map<String, Object> metrics) {
        Slot slot = slots.get(nodeId);
        if (slot == null) {
            slot = slots.computeIfAbsent(nodeId, id -> new Slot());
        }
        slot.beat = new Beat(atMs, metrics == null ? Map.of() : metrics);
        received.increment();
    }

    /** The latest beat of {@code nodeId}, or null when none was recorded since start (or since {@link #forget}). */
    public Beat last(String nodeId) {
        Slot slot = slots.get(nodeId);
        return slot == null ? null : slot.beat;
    }

    public void forget(String nodeId) {
        slots.remove(nodeId);
    }

    /** Heartbeats received since start. */
    public long receivedTotal() {
        return received.sum();
    }
}
