package io.corral.agent.moves;

/**
 * Where a participant tells how far an import has come. The worker adds the bytes it has streamed,
 * sends the coordinator at most one {@code progress} step per reporting interval, and never lets a
 * report fail the phase. Thread-safe.
 */
@FunctionalInterface
public interface ProgressReporter {
    /** Items (keys, log entries) applied so far, and the total when known (else -1). */
    void items(long itemsDone, long itemsTotal);

    /** A reporter that drops everything. */
    ProgressReporter NONE = (done, total) -> { };
}
