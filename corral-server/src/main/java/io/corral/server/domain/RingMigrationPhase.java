package io.corral.server.domain;

import java.util.Locale;

/**
 * The phases of a ring migration (seed 003's online migration, persisted). A grow goes
 * {@code GRACE_BEFORE → COPYING → GRACE_AFTER → DROPPING → DONE}; a drain goes
 * {@code GRACE_BEFORE → COPYING → GRACE_AFTER → DONE}. Before the flip (the promotion of the joining
 * shard, or the removal of the leaving one) a failure reverts the ring change ({@code REVERTED});
 * after it the ring change stands and a failure ends in {@code FAILED}.
 */
public enum RingMigrationPhase {
    /** The ring changed (a shard joining or leaving); routers adopt the map and start to dual-write. */
    GRACE_BEFORE,
    /** The slice is copied, get-if-absent, to its new owner(s). */
    COPYING,
    /** The flip happened; routers adopt it before anything is dropped or the migration ends. */
    GRACE_AFTER,
    /** A grow's donors delete their now-stale copies of the new shard's slice. */
    DROPPING,
    DONE,
    /** Failed before the flip; the ring change was undone. */
    REVERTED,
    /** Failed after the flip; the ring change stands, some stale copies may be left on donors. */
    FAILED;

    public boolean terminal() {
        return this == DONE || this == REVERTED || this == FAILED;
    }

    /** Whether the flip has not happened yet, so a failure can still undo the ring change. */
    public boolean beforeFlip() {
        return this == GRACE_BEFORE || this == COPYING;
    }

    /** The lower-case name used in the API and in event reasons. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
