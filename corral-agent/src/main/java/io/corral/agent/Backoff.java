package io.corral.agent;

import java.util.Random;

/**
 * Exponential backoff with jitter: after {@code n} consecutive failures wait about
 * {@code initialMs * 2^(n-1)}, at most {@code maxMs}, spread by ±20 % so a fleet that lost its
 * coordinator does not return in lock-step. Pure apart from the injected random source.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final Random random;

    public Backoff(long initialMs, long maxMs, Random random) {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** The delay before the next try after {@code failures} (≥ 1) failures in a row. */
    public long delayMs(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long base = Math.min(maxMs, initialMs << shift);
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Math.max(1, Math.min(maxMs, Math.round(base * jitter)));
    }
}
