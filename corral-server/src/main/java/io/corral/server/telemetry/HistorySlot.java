package io.corral.server.telemetry;

import io.corral.server.health.BeatSlot;

/**
 * A node's slot with its metric history ({@link MetricsHistory}): the class of the coordinator's slots, which
 * holds every layer's per-node soft state. The history is made with the slot, so what a heartbeat's sample
 * touches lies right after the slot in memory.
 */
public class HistorySlot extends BeatSlot {
    final NodeHistory history = new NodeHistory();

    public HistorySlot(String nodeId) {
        super(nodeId);
    }
}
