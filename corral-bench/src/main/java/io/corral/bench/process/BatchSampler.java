package io.corral.bench.process;

import io.corral.bench.load.WindowListener;

/**
 * Reads how many batches the coordinator has committed ({@code corral_log_commit_latency_seconds_count},
 * one per log entry the single writer appends) when a window opens and when it closes. Mutations per
 * batch shows how well the writer batched. (The Raft log index is not used: Ratis also appends its
 * own metadata entries, about one per commit.)
 */
public final class BatchSampler implements WindowListener {
    private static final String SERIES = "corral_log_commit_latency_seconds_count";
    private final CoordinatorClient client;
    private double openedAt = Double.NaN;
    private double closedAt = Double.NaN;

    public BatchSampler(CoordinatorClient client) {
        this.client = client;
    }

    @Override
    public void windowOpened() {
        openedAt = read();
    }

    @Override
    public void windowClosed() {
        closedAt = read();
    }

    private double read() {
        try {
            return client.metric(SERIES);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Batches committed during the window, or -1 if unknown. */
    public long batches() {
        return Double.isNaN(openedAt) || Double.isNaN(closedAt) ? -1 : (long) (closedAt - openedAt);
    }
}
