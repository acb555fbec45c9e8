package io.corral.agent.moves;

/**
 * How a {@link MoveWorker} paces itself.
 *
 * @param pollIntervalMs       how often the moves this node takes part in are listed
 * @param progressIntervalMs   at most one progress report per move this often
 * @param maxConcurrentTasks   phases worked on at the same time (the coordinator also throttles moves per node)
 * @param triesPerPhase        transfer attempts within one phase attempt before reporting it failed
 * @param retryDelayMs         the pause between two of those tries, and between two tries of a report
 * @param maxCatchUpRounds     catch-up transfers per phase: another round runs while the last one still
 *                             brought changes, up to this many
 */
public record MoveWorkerSettings(long pollIntervalMs, long progressIntervalMs, int maxConcurrentTasks,
                                 int triesPerPhase, long retryDelayMs, int maxCatchUpRounds) {
    public static final MoveWorkerSettings DEFAULT = new MoveWorkerSettings(500, 1_000, 4, 3, 500, 3);

    public MoveWorkerSettings {
        if (pollIntervalMs < 10 || progressIntervalMs < 0 || maxConcurrentTasks < 1 || triesPerPhase < 1
                || retryDelayMs < 0 || maxCatchUpRounds < 1) {
            throw new IllegalArgumentException("move worker settings out of range: poll at least 10 ms, at least "
                    + "one task, one try and one catch-up round");
        }
    }

    public MoveWorkerSettings withPollIntervalMs(long ms) {
        return new MoveWorkerSettings(ms, progressIntervalMs, maxConcurrentTasks, triesPerPhase, retryDelayMs,
                maxCatchUpRounds);
    }

    public MoveWorkerSettings withRetryDelayMs(long ms) {
        return new MoveWorkerSettings(pollIntervalMs, progressIntervalMs, maxConcurrentTasks, triesPerPhase, ms,
                maxCatchUpRounds);
    }
}
