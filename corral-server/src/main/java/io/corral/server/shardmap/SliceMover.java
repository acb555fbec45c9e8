package io.corral.server.shardmap;

import io.corral.server.domain.RingMigration;
import java.io.IOException;

/**
 * The data side of a ring migration: the I/O against the shards that {@link RingMigrationRunner}
 * drives phase by phase. Both steps must be idempotent, because a restarted coordinator runs the step
 * of the phase it finds again from the start.
 */
public interface SliceMover {

    /**
     * Copies every key that changes owner to its new owner: a grow's slice from each donor to the new
     * shard, a drain's keys from the leaving shard to the remaining ones. Get-if-absent: a key the new
     * owner already holds was written there by a router's dual-write, which is newer, and is kept.
     *
     * @throws IOException when a shard fails or a collection cannot be migrated; the ring change is then undone
     */
    void copy(RingMigration migration) throws IOException, InterruptedException;

    /** After a grow's flip: deletes from each donor the keys that now belong to the new shard. */
    void drop(RingMigration migration) throws IOException, InterruptedException;
}
