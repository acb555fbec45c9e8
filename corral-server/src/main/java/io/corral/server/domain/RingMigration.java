package io.corral.server.domain;

import io.corral.client.routing.Rendezvous;
import java.util.List;

/**
 * One online migration of a rendezvous ring (seed 003): a shard joining (a grow) or leaving (a drain)
 * and the data copy that goes with it, as replicated state so that a restarted coordinator resumes it.
 * Immutable; every change is a new value written by a record.
 *
 * <p>The ring is frozen for the migration's life (no other membership change is accepted meanwhile),
 * so {@link #ownerOf} is a stable oracle of where each key belongs.
 *
 * @param id            never reused within the cluster
 * @param shardId       the joining shard (grow) or the leaving shard (drain)
 * @param shardUrl      that shard's primary URL
 * @param ring          grow: the donors, the active shards when it started; drain: the shards that take
 *                      the leaving shard's keys, the other active shards when it started
 * @param error         why it was reverted or failed, otherwise null
 * @param phaseSinceMs  when the current phase was entered
 */
public record RingMigration(long id, String workspace, String resourceId, Kind kind, long shardId, String shardUrl,
                            List<RingMember> ring, RingMigrationPhase phase, String error, long createdAtMs,
                            long phaseSinceMs, String actor) {

    /** Whether the ring grows by {@link #shardId} or shrinks by it. */
    public enum Kind {
        GROW, DRAIN;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public RingMigration {
        ring = List.copyOf(ring);
    }

    /** The same migration in another phase, entered at {@code atMs}, with {@code error} (may be null). */
    public RingMigration enter(RingMigrationPhase next, String why, long atMs) {
        return new RingMigration(id, workspace, resourceId, kind, shardId, shardUrl, ring, next, why, createdAtMs,
                atMs, actor);
    }

    /**
     * The shard that owns {@code key} once the migration is done: by rendezvous hashing over the donors
     * and the new shard (grow), or over the remaining shards (drain).
     */
    public long ownerOf(String key) {
        long[] ids = new long[ring.size() + (kind == Kind.GROW ? 1 : 0)];
        for (int i = 0; i < ring.size(); i++) {
            ids[i] = ring.get(i).shardId();
        }
        if (kind == Kind.GROW) {
            ids[ids.length - 1] = shardId;
        }
        return Rendezvous.route(key, ids);
    }

    /** The URL of a shard of the ring (or of the migrating shard), or null when it is neither. */
    public String urlOf(long id) {
        if (id == shardId) {
            return shardUrl;
        }
        for (RingMember m : ring) {
            if (m.shardId() == id) {
                return m.url();
            }
        }
        return null;
    }
}
