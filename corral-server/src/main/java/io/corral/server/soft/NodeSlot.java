package io.corral.server.soft;

/**
 * The leader's soft state of one node, in one object: each layer that keeps per-node soft state for
 * heartbeats adds its fields by extending this class ({@code security.MemoSlot}, {@code health.BeatSlot},
 * {@code telemetry.HistorySlot}). A fleet's heartbeats take turns, so by a node's next beat its state has
 * left the CPU's caches; one object per node, made at once with what it holds, means a heartbeat waits
 * for a few adjacent memory reads instead of one map lookup and its chain of objects per layer.
 */
public class NodeSlot {
    private final String nodeId;

    /** {@code nodeId} is the key the slot is stored under in its {@link NodeSlots}. */
    protected NodeSlot(String nodeId) {
        this.nodeId = nodeId;
    }

    public final String nodeId() {
        return nodeId;
    }
}
