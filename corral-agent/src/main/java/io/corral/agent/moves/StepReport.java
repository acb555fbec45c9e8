package io.corral.agent.moves;

import java.util.Locale;

/**
 * One report about a move, as {@code POST …/moves/{id}/steps} takes it: a finished phase
 * ({@code complete_snapshot_transfer}, {@code complete_wal_sync}, {@code complete_cleanup}),
 * {@code progress} with counts (-1 when unknown, then not sent), or {@code fail} with an error. It names
 * the attempt of the phase it is about ({@code phase} and {@code attempt}; null and 0 when it does not),
 * so the coordinator refuses it (409) once that attempt is over instead of applying it to a newer one.
 * Immutable.
 */
public record StepReport(String step, long itemsDone, long itemsTotal, long bytesDone, long bytesTotal,
                         String error, String phase, int attempt) {
    public static final String SNAPSHOT_TRANSFERRED = "complete_snapshot_transfer";
    public static final String WAL_SYNCED = "complete_wal_sync";
    public static final String CLEANED_UP = "complete_cleanup";

    /** {@code step} finished, in the attempt of {@code task}. */
    public static StepReport completed(String step, MoveTask task) {
        return new StepReport(step, -1, -1, -1, -1, null, wire(task.phase()), task.attempt());
    }

    /** Progress of the attempt of {@code task}. */
    public static StepReport progress(MoveTask task, long itemsDone, long itemsTotal, long bytesDone,
                                      long bytesTotal) {
        return new StepReport("progress", itemsDone, itemsTotal, bytesDone, bytesTotal, null, wire(task.phase()),
                task.attempt());
    }

    /** The attempt of {@code task} failed. */
    public static StepReport failure(MoveTask task, String error) {
        return new StepReport("fail", -1, -1, -1, -1, error, wire(task.phase()), task.attempt());
    }

    private static String wire(MovePhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }
}
