package io.corral.agent.moves;

/**
 * One report about a move, as {@code POST …/moves/{id}/steps} takes it: a finished phase
 * ({@code complete_snapshot_transfer}, {@code complete_wal_sync}, {@code complete_cleanup}),
 * {@code progress} with counts (-1 when unknown, then not sent), or {@code fail} with an error. Immutable.
 */
public record StepReport(String step, long itemsDone, long itemsTotal, long bytesDone, long bytesTotal,
                         String error) {
    public static final String SNAPSHOT_TRANSFERRED = "complete_snapshot_transfer";
    public static final String WAL_SYNCED = "complete_wal_sync";
    public static final String CLEANED_UP = "complete_cleanup";

    public static StepReport completed(String step) {
        return new StepReport(step, -1, -1, -1, -1, null);
    }

    public static StepReport progress(long itemsDone, long itemsTotal, long bytesDone, long bytesTotal) {
        return new StepReport("progress", itemsDone, itemsTotal, bytesDone, bytesTotal, null);
    }

    public static StepReport failure(String error) {
        return new StepReport("fail", -1, -1, -1, -1, error);
    }
}
