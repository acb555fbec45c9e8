package io.corral.server.records;

import io.corral.server.domain.RingMigration;

/**
 * A ring migration was started or entered a new phase; carries its whole new value. The map changes
 * that go with a phase (the joining shard added, promoted or removed; the leaving shard marked or
 * removed) are separate {@link ShardsChanged} records in the same batch.
 */
public record RingMigrationRecorded(RingMigration migration, long atMs, String actor) implements Record {
}
