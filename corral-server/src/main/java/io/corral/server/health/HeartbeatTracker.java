package io.corral.server.health;

import io.corral.server.soft.NodeSlots;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Soft state of the leader: when each node was last heard from and the metrics it reported then.
 * Never written to the log; a new leader starts empty and gives every node a full timeout (see
 * {@link FailureDetector}). Safe for concurrent use from any thread: {@link #last} sees a beat as soon
 * as {@link #record} has returned. A beat is kept in its node's {@link BeatSlot} (made by the first beat
 * or shared with the node's other soft state) and replaced in place by the next ones, so a heartbeat only
 * reads the map; a beat recorded while {@link #forget} of the same node runs may be dropped along with
 * the slot.
 */
public final class HeartbeatTracker {

    /** The latest heartbeat of a node: when it arrived (epoch ms) and the metrics it carried. */
    public record Beat(long atMs, Map<String, Object> metrics) {
    }

    private final NodeSlots<? extends BeatSlot> slots;
    private final LongAdder received = new LongAdder();

    /** A tracker with slots of its own. */
    public HeartbeatTracker() {
        this(new NodeSlots<>(BeatSlot::new));
    }

    /** A tracker that keeps each node's beat in its slot of {@code slots}, shared with its other soft state. */
    public HeartbeatTracker(NodeSlots<? extends BeatSlot> slots) {
        this.slots = slots;
    }

    public void record(String nodeId, long atMs, Map<String, Object> metrics) {
        slots.getOrMake(nodeId).beat = new Beat(atMs, metrics == null ? Map.of() : metrics);
        received.increment();
    }

    /** The latest beat of {@code nodeId}, or null when none was recorded since start (or since {@link #forget}). */
    public Beat last(String nodeId) {
        BeatSlot slot = slots.get(nodeId);
        return slot == null ? null : slot.beat;
    }

    /** Drops the node's slot: its beat and whatever else of its soft state shares the slot. */
    public void forget(String nodeId) {
        slots.remove(nodeId);
    }

    /** Heartbeats received since start. */
    public long receivedTotal() {
        return received.sum();
    }
}
