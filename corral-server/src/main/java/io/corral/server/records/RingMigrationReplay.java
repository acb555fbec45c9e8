package io.corral.server.records;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.Event;
import io.corral.server.domain.RingMigration;
import io.corral.server.domain.RingMigrationPhase;

/**
 * Replays {@link RingMigrationRecorded}: stores the migration's new value and journals an event
 * {@code ring_migration.<phase>} (a warning when it was reverted or failed, naming the error). A value
 * for a migration that already finished is ignored, so a late or repeated record cannot revive it.
 */
final class RingMigrationReplay {
    private RingMigrationReplay() {
    }

    static ClusterImage apply(ClusterImage img, RingMigrationRecorded r) {
        RingMigration m = r.migration();
        RingMigration before = img.ringMigrations().find(m.id()).orElse(null);
        if (before != null && before.phase().terminal()) {
            return img;
        }
        ClusterImage next = img.withRingMigrations(img.ringMigrations().with(m));
        if (before != null && before.phase() == m.phase()) {
            return next;
        }
        boolean bad = m.phase() == RingMigrationPhase.REVERTED || m.phase() == RingMigrationPhase.FAILED;
        String what = before == null ? "started (" + m.phase().wire() + ")"
                : before.phase().wire() + " -> " + m.phase().wire();
        String subject = m.kind() == RingMigration.Kind.GROW ? "grow of " + m.resourceId() + " by shard "
                : "drain of " + m.resourceId() + " shard ";
        return EventJournal.append(next, r, m.workspace(), bad ? Event.WARNING : Event.NORMAL,
                "ring_migration." + m.phase().wire(), "Ring migration " + m.id() + " (" + subject + m.shardId()
                        + " at " + m.shardUrl() + ") " + what + (m.error() == null ? "" : ": " + m.error()), null,
                null);
    }
}
