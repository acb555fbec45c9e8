package io.corral.server.health;

import io.corral.server.security.MemoSlot;

/** A node's slot with its latest heartbeat ({@link HeartbeatTracker}); the telemetry layer extends it. */
public class BeatSlot extends MemoSlot {
    /** The node's latest beat, replaced whole (never a mix of two beats); null until the first. */
    volatile HeartbeatTracker.Beat beat;

    public BeatSlot(String nodeId) {
        super(nodeId);
    }
}
