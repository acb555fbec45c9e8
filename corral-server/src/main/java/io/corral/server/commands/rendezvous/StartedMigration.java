package io.corral.server.commands.rendezvous;

import io.corral.server.domain.ClusterImage;
import io.corral.server.domain.RingMigration;

/**
 * The reply of a command that starts a ring migration: the migration, and the image right after its
 * records (so the caller can show the map with the shard joining or leaving, even if the migration has
 * moved on by the time the reply is written).
 */
public record StartedMigration(RingMigration migration, ClusterImage after) {
}
