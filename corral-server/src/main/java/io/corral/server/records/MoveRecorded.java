package io.corral.server.records;

import io.corral.server.domain.Move;

/**
 * A move was created or changed (phase, attempt, progress, error); carries its whole new value. The
 * map changes a move causes are separate {@link ShardsChanged} records in the same batch.
 */
public record MoveRecorded(Move move, long atMs, String actor) implements Record {
}
