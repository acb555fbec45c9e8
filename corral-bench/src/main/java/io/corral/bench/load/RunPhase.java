package io.corral.bench.load;

/**
 * The phase of a load run, shared by its drivers: warming up (requests sent, not counted), measuring
 * (counted), stopped (no new requests; those in flight finish, counted only in a count-bounded run).
 */
final class RunPhase {
    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOPPED = 2;

    private volatile int phase;
    private final boolean countAfterStop;

    /**
     * @param countRun true for a count-bounded run: measured from the start, and requests still in
     *                 flight when it is stopped are counted too, so every acknowledged request is
     */
    RunPhase(boolean countRun) {
        this.phase = countRun ? MEASURE : WARMUP;
        this.countAfterStop = countRun;
    }

    void measure() {
        phase = MEASURE;
    }

    void stop() {
        phase = STOPPED;
    }

    /** Whether a request completing now is counted. */
    boolean counting() {
        int p = phase;
        return p == MEASURE || (p == STOPPED && countAfterStop);
    }

    boolean stopped() {
        return phase == STOPPED;
    }
}
